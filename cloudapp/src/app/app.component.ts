import { DOCUMENT } from '@angular/common';
import { Component, Inject, OnDestroy } from '@angular/core';
import { LangChangeEvent, TranslateService } from '@ngx-translate/core';
import { Subscription } from 'rxjs';

@Component({
  selector: 'app-root',
  template: '<cloudapp-alert></cloudapp-alert><router-outlet></router-outlet>',
})
export class AppComponent implements OnDestroy {
  private readonly subscription: Subscription;

  /** Keeps `<html lang>` on Alma's language, so screen readers read each language in its own voice. */
  constructor(translate: TranslateService, @Inject(DOCUMENT) document: Document) {
    this.subscription = translate.onLangChange.subscribe((e: LangChangeEvent) => {
      document.documentElement.lang = e.lang;
    });
  }

  ngOnDestroy(): void {
    this.subscription.unsubscribe();
  }
}

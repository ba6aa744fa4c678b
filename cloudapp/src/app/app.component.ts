import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslateService } from '@ngx-translate/core';

/**
 * The app's root: the page the route names (panel, settings, config, help). The pages show their
 * own messages in place, so the SDK's `cloudapp-alert` outlet is not used.
 */
@Component({
  selector: 'app-root',
  template: '<router-outlet></router-outlet>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppComponent {
  constructor() {
    // Keeps `<html lang>` on Alma's language, so screen readers read each language in its own voice.
    const document = inject(DOCUMENT);
    inject(TranslateService)
      .onLangChange.pipe(takeUntilDestroyed())
      .subscribe((e) => (document.documentElement.lang = e.lang));
  }
}

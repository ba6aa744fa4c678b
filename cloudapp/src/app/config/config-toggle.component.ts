import { ChangeDetectionStrategy, Component, Input, OnInit, inject } from '@angular/core';
import { FormControl, FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslateModule } from '@ngx-translate/core';
import { ConfigFieldPath } from './config-fields';
import { configControlAt } from './config-form';

/**
 * One on/off field of the configuration form, placed inside its `<form [formGroup]>`: a Material
 * switch labelled `config.field.<path>`, with test id `field-<path>`. Its hint is the page's.
 */
@Component({
  selector: 'app-config-toggle',
  standalone: true,
  imports: [ReactiveFormsModule, TranslateModule, MatSlideToggleModule],
  template: `
    <mat-slide-toggle [formControl]="control" [attr.data-testid]="'field-' + path">
      {{ 'config.field.' + path | translate }}</mat-slide-toggle
    >
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfigToggleComponent implements OnInit {
  @Input({ required: true }) path!: ConfigFieldPath;

  /** The field's control, found in the enclosing form by its path. */
  control!: FormControl<boolean>;

  private readonly formDirective = inject(FormGroupDirective);

  ngOnInit(): void {
    this.control = configControlAt<boolean>(this.formDirective.form, this.path);
  }
}

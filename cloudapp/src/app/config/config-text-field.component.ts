import { NgIf } from '@angular/common';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  DestroyRef,
  Input,
  OnInit,
  booleanAttribute,
  inject,
  numberAttribute,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslateModule } from '@ngx-translate/core';
import { LibraryAddressLine } from '../domain/institution-config';
import { ConfigFieldError, configErrorOf } from '../shared/form-validators';
import { ConfigFieldHint, ConfigFieldPath } from './config-fields';
import { configControlAt } from './config-form';

/**
 * One text or number field of the configuration form, placed inside its `<form [formGroup]>`:
 * a Material form field with its label (`config.field.<path>`, or `config.address.<line>` for a
 * line of an address), the input (test id `field-<path>`, `field-<path>.<line>` for a line), an
 * optional hint (`config.hint.<hint>`) and the field's first error. When the error shows is the
 * ErrorStateMatcher's choice, which the page provides.
 */
@Component({
  selector: 'app-config-text-field',
  standalone: true,
  imports: [NgIf, ReactiveFormsModule, TranslateModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{
        line ? ('config.address.' + line | translate) : ('config.field.' + path | translate)
      }}</mat-label>
      <!-- type="number" is written out: Angular's number value accessor is chosen by it. -->
      <input
        *ngIf="type === 'number'; else textInput"
        matInput
        [formControl]="control"
        type="number"
        [min]="min"
        [max]="max"
        [attr.step]="step"
        [attr.data-testid]="'field-' + fieldPath"
      />
      <ng-template #textInput>
        <input
          matInput
          [formControl]="control"
          [type]="type"
          [attr.inputmode]="inputmode"
          [maxlength]="maxlength"
          autocomplete="off"
          [attr.spellcheck]="noSpellcheck ? 'false' : null"
          [attr.data-testid]="'field-' + fieldPath"
        />
      </ng-template>
      <mat-hint *ngIf="hint">{{ 'config.hint.' + hint | translate }}</mat-hint>
      <mat-error *ngIf="error as e">{{ 'config.error.' + e.code | translate: e.params }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
      width: 100%;
      margin-top: 6px;
    }
    mat-form-field {
      display: block;
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfigTextFieldComponent implements OnInit {
  /** The field's path; for an address line, the address's path (e.g. 'library.billingAddress'). */
  @Input({ required: true }) path!: ConfigFieldPath;
  /** The address line this field edits, when it is one. */
  @Input() line?: LibraryAddressLine;
  @Input() hint?: ConfigFieldHint;
  @Input() type: 'text' | 'url' | 'password' | 'number' = 'text';
  @Input() inputmode?: 'numeric' | 'url';
  /** The value is a code, key or address, not words: no spell check. */
  @Input({ transform: booleanAttribute }) noSpellcheck = false;
  // Null leaves the attribute out (and Angular's validator of the same name off).
  @Input({ transform: numberAttribute }) maxlength: number | null = null;
  @Input({ transform: numberAttribute }) min: number | null = null;
  @Input({ transform: numberAttribute }) max: number | null = null;
  @Input({ transform: numberAttribute }) step: number | null = null;

  /** The field's control, found in the enclosing form by its path. */
  control!: FormControl<string | number | null>;
  /** The field's first error (null when valid or disabled), read again at every form event. */
  error: ConfigFieldError | null = null;

  private readonly formDirective = inject(FormGroupDirective);
  private readonly changes = inject(ChangeDetectorRef);
  private readonly destroyRef = inject(DestroyRef);

  /** The dotted path of the control: an address line's path ends with the line. */
  get fieldPath(): string {
    return this.line ? `${this.path}.${this.line}` : this.path;
  }

  ngOnInit(): void {
    const form = this.formDirective.form;
    const control = configControlAt<string | number | null>(form, this.fieldPath);
    this.control = control;
    const read = () => {
      this.error = configErrorOf(control);
      // Also on events that leave the error as it was (Save): Material re-reads whether the error
      // shows only when this view is checked.
      this.changes.markForCheck();
    };
    read();
    form.events.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(read);
  }
}

import { NgFor, NgIf } from '@angular/common';
import { Provider } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { TranslateModule } from '@ngx-translate/core';

/**
 * What the template of a page with a form and a Save button (configuration, settings) uses:
 * reactive forms, Material fields, switches and buttons, translations and the way back.
 */
export const FORM_PAGE_IMPORTS = [
  NgIf,
  NgFor,
  ReactiveFormsModule,
  RouterLink,
  TranslateModule,
  MatButtonModule,
  MatFormFieldModule,
  MatInputModule,
  MatSlideToggleModule,
];

/**
 * When a form page's fields show their errors: while typing or after Save, not when a field loses
 * the focus. An error appearing on blur moves the Save button under a pointer that pressed it,
 * and the click is lost.
 */
export const FORM_PAGE_ERROR_STATE: Provider = {
  provide: ErrorStateMatcher,
  useClass: ShowOnDirtyErrorStateMatcher,
};

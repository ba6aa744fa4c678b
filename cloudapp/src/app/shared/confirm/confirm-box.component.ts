import { A11yModule } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslateModule } from '@ngx-translate/core';

/**
 * The confirmation box every action shares: the projected text says what will happen (in the
 * caller's words, with counts and ids), then OK and Cancel. It sits in the page, not in a modal,
 * so staff can still read the request it is about. Test ids: `confirm`, `confirm-ok`,
 * `confirm-cancel`; callers mark their text `confirm-text`.
 */
@Component({
  selector: 'app-confirm-box',
  standalone: true,
  imports: [A11yModule, MatButtonModule, TranslateModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="confirm"
      role="alertdialog"
      aria-modal="false"
      [attr.aria-label]="'actions.confirmTitle' | translate"
      data-testid="confirm"
    >
      <ng-content></ng-content>
      <button
        mat-flat-button
        color="primary"
        type="button"
        data-testid="confirm-ok"
        (click)="answer.emit(true)"
        cdkFocusInitial
      >
        {{ 'actions.confirmOk' | translate }}
      </button>
      <button
        mat-stroked-button
        type="button"
        data-testid="confirm-cancel"
        (click)="answer.emit(false)"
      >
        {{ 'actions.confirmCancel' | translate }}
      </button>
    </div>
  `,
  styles: `
    .confirm {
      border: 1px solid #0b57d0;
      border-radius: 4px;
      padding: 8px;
      margin: 6px 0;
      background: #f3f7fe;
    }
    button {
      margin-right: 6px;
    }
  `,
})
export class ConfirmBoxComponent {
  /** true = OK, false = Cancel. */
  readonly answer = output<boolean>();
}

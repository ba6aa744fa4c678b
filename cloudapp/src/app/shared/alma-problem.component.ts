import { NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, Input } from '@angular/core';
import { TranslateModule } from '@ngx-translate/core';
import { AlmaProblem } from '../core/alma-error';

/** An Alma failure in staff words: what was being done, what went wrong, and Alma's own message. */
@Component({
  selector: 'app-alma-problem',
  standalone: true,
  imports: [NgIf, TranslateModule],
  template: `
    <p class="message error" role="alert" data-testid="error" [attr.data-kind]="problem.kind">
      {{ action }}: {{ 'almaProblem.' + problem.kind | translate: { status: problem.status } }}
      <span *ngIf="problem.almaMessage" class="alma-message"
        >{{ 'almaProblem.almaSaid' | translate }} “{{ problem.almaMessage }}”</span
      >
    </p>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlmaProblemComponent {
  @Input({ required: true }) problem!: AlmaProblem;
  /** What the app was doing, e.g. "Reading the request from Alma". */
  @Input() action = '';
}

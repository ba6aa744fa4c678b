import { NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, Input } from '@angular/core';
import { TranslateModule } from '@ngx-translate/core';
import { WorldShareProblem } from '../domain/worldshare-errors';

/** A WorldShare (or proxy) failure in staff words, naming the field OCLC complained about. */
@Component({
  selector: 'app-worldshare-problem',
  standalone: true,
  imports: [NgIf, TranslateModule],
  template: `
    <p class="message error" role="alert" data-testid="error" [attr.data-kind]="problem.code">
      {{ action }}: {{ ('wsProblem.' + problem.code) | translate: { field: problem.fieldKey ? (('wsField.' + problem.fieldKey) | translate) : (problem.field || '') } }}
      <span *ngIf="problem.failureCode" class="code">({{ 'wsProblem.oclcCode' | translate: { code: problem.failureCode } }})</span>
    </p>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorldShareProblemComponent {
  @Input({ required: true }) problem!: WorldShareProblem;
  @Input() action = '';
}

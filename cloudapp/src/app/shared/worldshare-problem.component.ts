import { NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, Input } from '@angular/core';
import { TranslateModule } from '@ngx-translate/core';
import { WorldShareProblem } from '../domain/worldshare-errors';

/**
 * A WorldShare (or proxy) failure in staff words, naming the field OCLC complained about; a refusal
 * of the Cloud App proxy is told by its own code (`proxyError.<code>`, domain/proxy-errors.ts).
 */
@Component({
  selector: 'app-worldshare-problem',
  standalone: true,
  imports: [NgIf, TranslateModule],
  template: `
    <p class="message error" role="alert" data-testid="error" [attr.data-kind]="problem.code">
      {{ action }}:
      <ng-container *ngIf="problem.proxyCode; else fromWorldShare">{{
        'proxyError.' + problem.proxyCode | translate
      }}</ng-container>
      <ng-template #fromWorldShare>{{
        'wsProblem.' + problem.code
          | translate
            : {
                field: problem.fieldKey
                  ? ('wsField.' + problem.fieldKey | translate)
                  : problem.field || '',
              }
      }}</ng-template>
      <span *ngIf="problem.failureCode" class="code"
        >({{ 'wsProblem.oclcCode' | translate: { code: problem.failureCode } }})</span
      >
    </p>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorldShareProblemComponent {
  @Input({ required: true }) problem!: WorldShareProblem;
  @Input() action = '';
}

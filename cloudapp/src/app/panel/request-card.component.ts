import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslateModule } from '@ngx-translate/core';
import { citationView } from '../domain/citation-view';
import { RequestItem } from '../core/request-item';
import { AlmaProblemComponent } from '../shared/alma-problem.component';

/**
 * One borrowing request as a card: citation, format and citation type, Alma status, partner,
 * needed-by date and WorldShare request id; while loading a bar, on failure Alma's message and a
 * retry. Projected content (the actions) goes below the fields. Citation text is bound as text.
 */
@Component({
  selector: 'app-request-card',
  standalone: true,
  imports: [TranslateModule, MatButtonModule, MatProgressBarModule, AlmaProblemComponent],
  templateUrl: './request-card.component.html',
  styleUrl: './request-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestCardComponent {
  readonly item = input.required<RequestItem>();
  /** Text of the WorldShare status line, when the parent has read it. */
  readonly worldShareStatus = input<string | null>(null);
  readonly retry = output<string>();

  protected readonly view = computed(() => {
    const state = this.item().state;
    return state.kind === 'loaded' ? citationView(state.request) : null;
  });

  protected readonly problem = computed(() => {
    const state = this.item().state;
    return state.kind === 'error' ? state.problem : null;
  });
}

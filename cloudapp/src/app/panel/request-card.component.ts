import { NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, EventEmitter, Input, Output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslateModule } from '@ngx-translate/core';
import { CitationView, citationView } from '../domain/citation-view';
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
  imports: [NgIf, TranslateModule, MatButtonModule, MatProgressBarModule, AlmaProblemComponent],
  templateUrl: './request-card.component.html',
  styleUrl: './request-card.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestCardComponent {
  @Input({ required: true }) set item(item: RequestItem) {
    this.current = item;
    this.view = item.state.kind === 'loaded' ? citationView(item.state.request) : null;
  }
  /** Text of the WorldShare status line, when the parent has read it. */
  @Input() worldShareStatus: string | null = null;
  @Output() readonly retry = new EventEmitter<string>();

  current!: RequestItem;
  view: CitationView | null = null;
}

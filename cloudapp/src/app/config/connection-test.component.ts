import { NgFor, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslateModule } from '@ngx-translate/core';
import { InstitutionConfig } from '../domain/institution-config';
import { ConnectionStep } from './connection-steps';
import { ConnectionTestService } from './connection-test.service';

/** What the Test connection button tests: the form's configuration now, and whether the form is valid. */
export type ConnectionTestSource = () => { config: InstitutionConfig; valid: boolean };

/**
 * The Test connection button and its report: one line per step (configuration complete, Alma's
 * JWT, the proxy, an OCLC token), each ok or failed with the reason, announced politely to
 * screen readers as the steps complete.
 */
@Component({
  selector: 'app-connection-test',
  standalone: true,
  imports: [NgIf, NgFor, TranslateModule, MatButtonModule],
  templateUrl: './connection-test.component.html',
  styleUrl: './connection-test.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionTestComponent {
  readonly source = input.required<ConnectionTestSource>();

  readonly steps = signal<readonly ConnectionStep[]>([]);
  readonly running = signal(false);

  constructor(private readonly tester: ConnectionTestService) {}

  async run(): Promise<void> {
    if (this.running()) return;
    this.running.set(true);
    const { config, valid } = this.source()();
    try {
      this.steps.set(await this.tester.run(config, valid, (steps) => this.steps.set(steps)));
    } finally {
      this.running.set(false);
    }
  }

  trackById(_index: number, step: ConnectionStep): string {
    return step.id;
  }
}

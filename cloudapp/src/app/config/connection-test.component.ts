import { NgFor, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, ChangeDetectorRef, Component, Input } from '@angular/core';
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
  @Input({ required: true }) source!: ConnectionTestSource;

  steps: ConnectionStep[] = [];
  running = false;

  constructor(
    private readonly tester: ConnectionTestService,
    private readonly cdr: ChangeDetectorRef,
  ) {}

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.cdr.markForCheck();
    const { config, valid } = this.source();
    try {
      this.steps = await this.tester.run(config, valid, (steps) => {
        this.steps = steps;
        this.cdr.markForCheck();
      });
    } finally {
      this.running = false;
      this.cdr.markForCheck();
    }
  }

  trackById(_index: number, step: ConnectionStep): string {
    return step.id;
  }
}

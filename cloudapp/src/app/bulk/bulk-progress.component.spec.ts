import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { TranslateModule } from '@ngx-translate/core';
import { BulkSource } from './bulk-report';
import { BulkProgressComponent } from './bulk-progress.component';
import { BulkProgress } from './bulk-run';

describe('BulkProgressComponent', () => {
  function render(source: BulkSource, progress: BulkProgress | null, acting = false) {
    TestBed.configureTestingModule({
      imports: [BulkProgressComponent, TranslateModule.forRoot()],
      providers: [provideNoopAnimations()],
    });
    const fixture = TestBed.createComponent(BulkProgressComponent);
    fixture.componentRef.setInput('source', source);
    fixture.componentRef.setInput('progress', progress);
    fixture.componentRef.setInput('acting', acting);
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('says the report is being read while nothing is counted yet', () => {
    const { el } = render('report', null);
    const box = el.querySelector('[data-testid="report-progress"]')!;
    expect(box.getAttribute('data-total')).toBe('0');
    expect(el.querySelector('mat-progress-bar')!.getAttribute('mode')).toBe('indeterminate');
    expect(el.querySelector('p')!.textContent).toContain('bulkReport.reading');
  });

  it('counts the requests of a page review and forwards Stop', () => {
    const { fixture, el } = render('page', { total: 40, done: 10, failed: 1 });
    const box = el.querySelector('[data-testid="bulk-progress"]')!;
    expect([box.getAttribute('data-done'), box.getAttribute('data-failed')]).toEqual(['10', '1']);
    expect(el.querySelector('mat-progress-bar')!.getAttribute('aria-valuenow')).toBe('25');
    expect(el.querySelector('p')!.textContent).toContain('bulk.reviewing');
    let stops = 0;
    fixture.componentInstance.stopped.subscribe(() => stops++);
    (el.querySelector('[data-testid="bulk-stop"]') as HTMLButtonElement).click();
    expect(stops).toBe(1);
  });

  it('names the group action while it runs', () => {
    const { el } = render('report', { total: 4, done: 0, failed: 0 }, true);
    expect(el.querySelector('p')!.textContent).toContain('bulk.acting');
  });
});

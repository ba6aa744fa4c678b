import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslateModule } from '@ngx-translate/core';
import { BulkReport, BulkRow, BulkSource } from './bulk-report';
import { BulkReportViewComponent } from './bulk-report-view.component';

describe('BulkReportViewComponent', () => {
  let fixture: ComponentFixture<BulkReportViewComponent>;

  const row = (over: Partial<BulkRow>): BulkRow => ({
    almaRequestId: '9001',
    userId: 'P-17',
    title: 'A history of rotas',
    almaStatus: 'REQUEST_CREATED_BOR',
    worldShareRequestId: '884201',
    worldShareStatus: 'CLOSED',
    group: 'closed',
    reason: '',
    action: 'cancelled',
    detail: '',
    ...over,
  });

  function render(source: BulkSource, rows: BulkRow[], done = false): HTMLElement {
    const report: BulkReport = {
      startedAt: '2026-11-30T09:00:00.000Z',
      finishedAt: done ? '2026-11-30T09:01:00.000Z' : null,
      stopped: false,
      rows,
    };
    TestBed.configureTestingModule({
      imports: [BulkReportViewComponent, TranslateModule.forRoot()],
    });
    fixture = TestBed.createComponent(BulkReportViewComponent);
    fixture.componentRef.setInput('source', source);
    fixture.componentRef.setInput('report', report);
    fixture.componentRef.setInput('done', done);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

  it('lists page rows under their titles with the page test ids', () => {
    const el = render('page', [
      row({}),
      row({ almaRequestId: '9002', title: '', action: 'failed', detail: 'Alma said no' }),
    ]);
    expect(el.querySelector('[data-testid="bulk-report"]')).not.toBeNull();
    const items = el.querySelectorAll('[data-testid="bulk-row"]');
    expect(items.length).toBe(2);
    expect(items[0].getAttribute('data-request-id')).toBe('9001');
    expect(items[0].getAttribute('data-group')).toBe('closed');
    expect(items[0].getAttribute('data-action')).toBe('cancelled');
    expect(text(items[0].querySelector('.row-title'))).toBe('A history of rotas');
    expect(text(items[0].querySelector('.row-status'))).toContain('#884201 CLOSED');
    expect(items[0].querySelector('[data-testid="bulk-row-detail"]')).toBeNull();
    // No title: the request id stands in; a failure is marked and its reason shown.
    expect(text(items[1].querySelector('.row-title'))).toBe('9002');
    expect(items[1].classList).toContain('failed');
    expect(text(items[1].querySelector('[data-testid="bulk-row-detail"]'))).toBe(': Alma said no');
  });

  it('shows a dash where a page row has no WorldShare request or status', () => {
    const el = render('page', [row({ worldShareRequestId: '', worldShareStatus: '' })]);
    const status = text(el.querySelector('[data-testid="bulk-row"] .row-status'));
    expect(status).not.toContain('#');
    expect(status).toMatch(/: —$/);
  });

  it('lists report rows by request and user id with the report test ids', () => {
    const el = render('report', [row({ worldShareStatus: '' })]);
    expect(el.querySelector('[data-testid="report-rows"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="bulk-row"]')).toBeNull();
    const item = el.querySelector('[data-testid="report-row"]');
    expect(text(item!.querySelector('.row-title'))).toBe('9001 · P-17');
    // No status from WorldShare yet: the "no news from the lender" words, here their key.
    expect(text(item!.querySelector('.row-status'))).toContain('#884201 bulkReport.noLenderNews');
  });

  it('shows citation text as text, never as markup', () => {
    const el = render('page', [row({ title: '<img src=x onerror=alert(1)>' })]);
    const title = el.querySelector('[data-testid="bulk-row"] .row-title')!;
    expect(title.querySelector('img')).toBeNull();
    expect(title.textContent).toContain('<img');
  });

  it('sums up a finished run only, as a warning when anything failed', () => {
    let el = render('page', [row({})]);
    expect(el.querySelector('[data-testid="bulk-summary"]')).toBeNull();
    expect(el.querySelector('[data-testid="bulk-csv"]')).not.toBeNull();
    TestBed.resetTestingModule();
    el = render('page', [row({}), row({ almaRequestId: '9002', action: 'failed' })], true);
    const summary = el.querySelector('[data-testid="bulk-summary"]')!;
    expect(summary.classList).toContain('warning');
    expect(summary.classList).not.toContain('success');
  });

  it('sums up a clean report run as a success under the report test ids', () => {
    const el = render('report', [row({}), row({ almaRequestId: '9002', action: 'skipped' })], true);
    const summary = el.querySelector('[data-testid="report-summary"]')!;
    expect(summary.classList).toContain('success');
    expect(el.querySelector('[data-testid="report-csv"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="bulk-summary"]')).toBeNull();
  });

  it('warns in a report run when a request is still on loan', () => {
    const el = render('report', [row({}), row({ almaRequestId: '9003', action: 'on-loan' })], true);
    expect(el.querySelector('[data-testid="report-summary"]')!.classList).toContain('warning');
  });
});

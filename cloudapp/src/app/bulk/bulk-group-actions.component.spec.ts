import { TestBed } from '@angular/core/testing';
import { TranslateModule } from '@ngx-translate/core';
import { BulkSource, GroupAction } from './bulk-report';
import { BulkGroupActionsComponent } from './bulk-group-actions.component';

describe('BulkGroupActionsComponent', () => {
  function render(source: BulkSource, closed: number, approvedRenewals: number | null) {
    TestBed.configureTestingModule({
      imports: [BulkGroupActionsComponent, TranslateModule.forRoot()],
    });
    const fixture = TestBed.createComponent(BulkGroupActionsComponent);
    fixture.componentRef.setInput('source', source);
    fixture.componentRef.setInput('closed', closed);
    if (approvedRenewals !== null)
      fixture.componentRef.setInput('approvedRenewals', approvedRenewals);
    fixture.detectChanges();
    const acts: GroupAction[] = [];
    fixture.componentInstance.act.subscribe((a) => acts.push(a));
    const button = (id: string) =>
      (fixture.nativeElement as HTMLElement).querySelector(
        `[data-testid="${id}"]`,
      ) as HTMLButtonElement | null;
    return { acts, button };
  }

  it('offers both group actions from the page and forwards which was clicked', () => {
    const { acts, button } = render('page', 3, 2);
    button('bulk-cancel-closed')!.click();
    button('bulk-apply-renewals')!.click();
    expect(acts).toEqual(['cancelClosed', 'applyRenewals']);
  });

  it('turns a button off when its group is empty', () => {
    const { acts, button } = render('page', 0, 2);
    expect(button('bulk-cancel-closed')!.disabled).toBeTrue();
    expect(button('bulk-apply-renewals')!.disabled).toBeFalse();
    button('bulk-cancel-closed')!.click();
    expect(acts).toEqual([]);
  });

  it('offers only clean cancel from the Analytics report', () => {
    const { button } = render('report', 5, null);
    expect(button('report-cancel-closed')!.disabled).toBeFalse();
    expect(button('bulk-apply-renewals')).toBeNull();
    expect(button('bulk-cancel-closed')).toBeNull();
  });
});

import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { TranslateModule } from '@ngx-translate/core';
import { Observable, of, throwError } from 'rxjs';
import { AlmaService, CodeTableRow } from '../core/alma.service';
import {
  InstitutionConfigService,
  LoadedInstitutionConfig,
} from '../core/institution-config.service';
import { InstitutionConfig, repairInstitutionConfig } from '../domain/institution-config';
import { configuredInstitution } from '../domain/testing/institution';
import { ConfigPageComponent } from './config-page.component';

const stored: InstitutionConfig = configuredInstitution({
  // The proxy address the manifest lists: the page refuses any other.
  proxy: { url: 'https://worldshare-bridge-proxy.example.org' },
  defaults: { maxCost: null, lenderString: '148456' },
  // A reason Alma's table no longer lists.
  cancelReasonCode: 'OLD_REASON',
  writeLenderDueDate: true,
  analytics: { reportPath: '/shared/Uni/Reports/Exported' },
  timeZone: 'America/New_York',
});

const REASONS: CodeTableRow[] = [
  { code: 'ILL_CLOSED_IN_WORLDSHARE', description: 'Closed in WorldShare ILL' },
];

describe('ConfigPageComponent', () => {
  let fixture: ComponentFixture<ConfigPageComponent>;
  let saved: InstitutionConfig[];
  let saveResult: Observable<unknown>;

  const q = (testId: string) =>
    (fixture.nativeElement as HTMLElement).querySelector(
      `[data-testid="${testId}"]`,
    ) as HTMLElement | null;

  /** What Alma answers for the request named in a lender due-date trial (undefined: one with a lender due date). */
  let almaRequest: Observable<unknown> | undefined;
  let renewalCalls: unknown[][];

  async function open(
    opts: {
      isAdmin?: boolean | null;
      loaded?: LoadedInstitutionConfig;
      reasons?: Observable<CodeTableRow[]>;
    } = {},
  ) {
    renewalCalls = [];
    saved = [];
    saveResult = of({ success: true });
    const init =
      opts.isAdmin === null
        ? throwError(() => new Error('no init'))
        : of({ user: { isAdmin: opts.isAdmin ?? true }, lang: 'en' });
    TestBed.configureTestingModule({
      imports: [ConfigPageComponent, TranslateModule.forRoot()],
      providers: [
        provideNoopAnimations(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: CloudAppEventsService,
          useValue: { getInitData: () => init, getAuthToken: () => of('jwt') },
        },
        {
          provide: AlmaService,
          useValue: {
            getCodeTable: () => opts.reasons ?? of(REASONS),
            getBorrowingRequest: () =>
              almaRequest ??
              of({
                request_id: '42',
                partner: { value: 'WSILL' },
                external_id: '187654350',
                due_date: '2027-01-15Z',
              }),
            recordLenderRenewal: (...args: unknown[]) => {
              renewalCalls.push(args);
              return of({});
            },
          },
        },
        {
          provide: InstitutionConfigService,
          useValue: {
            reload: () => of(opts.loaded ?? { config: stored, repaired: [], loadError: null }),
            save: (c: InstitutionConfig) => {
              saved.push(c);
              return saveResult;
            },
          },
        },
      ],
    });
    fixture = TestBed.createComponent(ConfigPageComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  it('lets an administrator edit and save; what is saved is the form', async () => {
    await open();
    const component = fixture.componentInstance;
    expect(component.form()!.enabled).toBeTrue();
    expect(q('config-readonly')).toBeNull();
    component.form()!.controls.defaults.controls.lenderString.setValue('111, 222');
    q('config-save')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(saved.length).toBe(1);
    expect(saved[0]!.defaults.lenderString).toBe('111, 222');
    expect(q('config-saved')).not.toBeNull();
  });

  it('shows a non-administrator the configuration read-only, with the reason and no Save', async () => {
    await open({ isAdmin: false });
    const component = fixture.componentInstance;
    expect(component.form()!.disabled).toBeTrue();
    expect(q('config-readonly')!.textContent).toContain('config.access.not-admin');
    expect(q('config-save')).toBeNull();
    await component.save();
    expect(saved).toEqual([]);
    expect((q('field-proxy.url') as HTMLInputElement).disabled).toBeTrue();
  });

  it('stays read-only when Alma does not say who the user is', async () => {
    await open({ isAdmin: null });
    expect(fixture.componentInstance.form()!.disabled).toBeTrue();
    expect(q('config-readonly')!.textContent).toContain('config.access.unknown');
  });

  it('does not save an invalid form, and says so', async () => {
    await open();
    fixture.componentInstance.form()!.controls.worldshare.controls.registryId.setValue('12a');
    q('config-save')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(saved).toEqual([]);
    expect(q('config-invalid')).not.toBeNull();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('config.error.registryId');
  });

  it('refuses a proxy address the manifest does not allow, and says why', async () => {
    await open();
    fixture.componentInstance
      .form()!
      .controls.proxy.controls.url.setValue('https://proxy.exlibrisgroup.com');
    q('config-save')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(saved).toEqual([]);
    expect(q('config-invalid')).not.toBeNull();
    expect(fixture.componentInstance.form()!.controls.proxy.controls.url.errors).toEqual({
      notAllowed: { hosts: jasmine.stringContaining('https://api-na.exldevnetwork.net') },
    });
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('config.error.notAllowed');
    fixture.componentInstance
      .form()!
      .controls.proxy.controls.url.setValue('https://api-eu.exldevnetwork.net/proxy');
    q('config-save')!.click();
    await fixture.whenStable();
    expect(saved.length).toBe(1);
    expect(saved[0]!.proxy.url).toBe('https://api-eu.exldevnetwork.net/proxy');
  });

  it('reports a failed save and keeps the form', async () => {
    await open();
    saveResult = throwError(() => new Error('Alma refused'));
    await fixture.componentInstance.save();
    fixture.detectChanges();
    expect(q('config-save-failed')!.textContent).toContain('config.saveFailed');
    expect(fixture.componentInstance.saveStep.failedDetail()).toBe('Alma refused');
  });

  it('lists repaired fields in one notice, and unknown entries apart', async () => {
    await open({
      loaded: {
        ...repairInstitutionConfig({ ...stored, staleAfterDays: 'soon', legacyKey: 1 }),
        loadError: null,
      },
    });
    const notice = q('config-repaired')!.textContent!;
    expect(notice).toContain('config.repairedSome');
    expect(notice).toContain('config.field.staleAfterDays');
    expect(notice).toContain('config.repairedUnknown');
  });

  it("names an older configuration's missing addresses once each, not line by line", async () => {
    const { library: _l, removeRequestOnCancel: _r, ...older } = stored;
    await open({ loaded: { ...repairInstitutionConfig(older), loadError: null } });
    const notice = q('config-repaired')!.textContent!;
    expect(notice.match(/config\.field\.library\.billingAddress/g)?.length).toBe(1);
    expect(notice).toContain('config.field.library.deliveryAddress');
    expect(notice).toContain('config.field.removeRequestOnCancel');
    expect(notice).not.toContain('address1');
    expect(q('billing-address-missing')).not.toBeNull();
  });

  describe('the lender due-date call (not documented by Ex Libris)', () => {
    const off = { ...stored, writeLenderDueDate: false };
    const openOff = () => open({ loaded: { config: off, repaired: [], loadError: null } });
    const name = (userId: string, requestId: string) => {
      fixture.componentInstance.trialUserId.setValue(userId);
      fixture.componentInstance.trialRequestId.setValue(requestId);
      fixture.detectChanges();
    };

    afterEach(() => (almaRequest = undefined));

    it('is locked off until a trial worked, says it is undocumented and what the trial writes', async () => {
      await openOff();
      const c = fixture.componentInstance;
      expect(c.form()!.controls.writeLenderDueDate.disabled).toBeTrue();
      expect(q('lender-due-date-locked')).not.toBeNull();
      expect(q('undocumented-call')!.textContent).toContain('config.lenderDueDate.undocumented');
      expect(q('lender-due-date-trial')!.textContent).toContain('config.lenderDueDate.trialWrites');
      expect((q('trial-run') as HTMLButtonElement).disabled)
        .withContext('no request named yet')
        .toBeTrue();
      name(' P1 ', ' 42 ');
      q('trial-run')!.click();
      await fixture.whenStable();
      fixture.detectChanges();
      // The request's own lender due date is written back, unchanged.
      expect(renewalCalls).toEqual([['P1', '42', '2027-01-15']]);
      expect(q('trial-outcome')!.getAttribute('data-kind')).toBe('worked');
      expect(c.form()!.controls.writeLenderDueDate.enabled).toBeTrue();
      c.form()!.controls.writeLenderDueDate.setValue(true);
      await c.save();
      expect(saved[0]!.writeLenderDueDate).toBeTrue();
    });

    it('writes nothing on a request without a lender due date, and stays locked', async () => {
      almaRequest = of({ request_id: '42', partner: { value: 'WSILL' }, external_id: '187654350' });
      await openOff();
      name('P1', '42');
      await fixture.componentInstance.runTrial();
      fixture.detectChanges();
      expect(renewalCalls).toEqual([]);
      expect(q('trial-outcome')!.getAttribute('data-kind')).toBe('no-due-date');
      expect(fixture.componentInstance.form()!.controls.writeLenderDueDate.disabled).toBeTrue();
    });

    it('writes nothing on a request that is not with a lending partner, or that Alma does not have', async () => {
      almaRequest = of({
        request_id: '42',
        partner: null,
        external_id: null,
        due_date: '2027-01-15Z',
      });
      await openOff();
      name('P1', '42');
      await fixture.componentInstance.runTrial();
      expect(fixture.componentInstance.trial()?.kind).toBe('not-with-partner');
      almaRequest = throwError(() => ({
        status: 404,
        error: { errorList: { error: [{ errorCode: '401694', errorMessage: 'not found' }] } },
      }));
      name('P1', '43');
      await fixture.componentInstance.runTrial();
      expect(fixture.componentInstance.trial()?.kind).toBe('no-request');
      expect(renewalCalls).toEqual([]);
    });

    it('can always be switched off when it was on', async () => {
      await open();
      expect(fixture.componentInstance.form()!.controls.writeLenderDueDate.enabled).toBeTrue();
      expect(q('lender-due-date-locked')).toBeNull();
    });
  });

  it('says when nothing usable was stored', async () => {
    await open({ loaded: { ...repairInstitutionConfig({}), loadError: null } });
    expect(q('config-repaired')!.textContent).toContain('config.repairedAll');
  });

  it("offers Alma's cancel reasons and keeps a stored reason Alma no longer lists", async () => {
    await open();
    const codes = fixture.componentInstance.reasonOptions().map((r) => r.code);
    expect(codes).toEqual(['ILL_CLOSED_IN_WORLDSHARE', 'OLD_REASON']);
    expect(q('reason-not-in-table')).not.toBeNull();
    fixture.componentInstance
      .form()!
      .controls.cancelReasonCode.setValue('ILL_CLOSED_IN_WORLDSHARE');
    fixture.detectChanges();
    expect(q('reason-not-in-table')).toBeNull();
  });

  it("says when Alma's reason table cannot be read, and keeps the stored code", async () => {
    await open({ reasons: throwError(() => ({ status: 500 })) });
    expect(q('reasons-unreadable')).not.toBeNull();
    expect(fixture.componentInstance.reasonOptions().map((r) => r.code)).toEqual(['OLD_REASON']);
    expect(fixture.componentInstance.form()!.controls.cancelReasonCode.value).toBe('OLD_REASON');
  });

  it('warns about the hosted proxy only when it is chosen', async () => {
    await open();
    expect(q('hosted-warning')).toBeNull();
    fixture.componentInstance.form()!.controls.proxy.controls.mode.setValue('exlibris');
    fixture.detectChanges();
    expect(q('hosted-warning')!.textContent).toContain('config.hostedWarning');
    expect(q('field-proxy.wskey')).not.toBeNull();
  });
});

import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { TranslateModule } from '@ngx-translate/core';
import { Observable, of, throwError } from 'rxjs';
import { AlmaService, CodeTableRow } from '../core/alma.service';
import { InstitutionConfigService, LoadedInstitutionConfig } from '../core/institution-config.service';
import { InstitutionConfig, repairInstitutionConfig } from '../domain/institution-config';
import { ConfigPageComponent } from './config-page.component';

const stored: InstitutionConfig = {
  version: 1,
  proxy: { mode: 'own', url: 'https://ill-proxy.example.edu', wskey: '', secret: '' },
  worldshare: { registryId: '128807', symbol: 'ZAP', illBaseUrl: 'https://128807.share.worldcat.org', isoPath: '/ILL/iso18626', oauthScopes: 'WorldShareILL', oauthTokenUrl: 'https://oauth.oclc.org/token' },
  defaults: { serviceLevel: '', maxCost: null, currency: 'USD', lenderString: '148456', neededByDays: 30 },
  almaPartnerCode: 'WSILL',
  cancelReasonCode: 'OLD_REASON',
  writeLenderDueDate: true,
  staleAfterDays: 30,
  worldshareCallsPerSecond: 5,
  timeZone: 'America/New_York',
};

const REASONS: CodeTableRow[] = [{ code: 'ILL_CLOSED_IN_WORLDSHARE', description: 'Closed in WorldShare ILL' }];

describe('ConfigPageComponent', () => {
  let fixture: ComponentFixture<ConfigPageComponent>;
  let saved: InstitutionConfig[];
  let saveResult: Observable<unknown>;

  const q = (testId: string) => (fixture.nativeElement as HTMLElement).querySelector(`[data-testid="${testId}"]`) as HTMLElement | null;

  async function open(opts: { isAdmin?: boolean | null; loaded?: LoadedInstitutionConfig; reasons?: Observable<CodeTableRow[]> } = {}) {
    saved = [];
    saveResult = of({ success: true });
    const init = opts.isAdmin === null ? throwError(() => new Error('no init')) : of({ user: { isAdmin: opts.isAdmin ?? true }, lang: 'en' });
    TestBed.configureTestingModule({
      imports: [ConfigPageComponent, TranslateModule.forRoot()],
      providers: [
        provideNoopAnimations(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: CloudAppEventsService, useValue: { getInitData: () => init, getAuthToken: () => of('jwt') } },
        { provide: AlmaService, useValue: { getCodeTable: () => opts.reasons ?? of(REASONS) } },
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
    expect(component.form!.enabled).toBeTrue();
    expect(q('config-readonly')).toBeNull();
    component.form!.controls.defaults.controls.lenderString.setValue('111, 222');
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
    expect(component.form!.disabled).toBeTrue();
    expect(q('config-readonly')!.textContent).toContain('config.access.not-admin');
    expect(q('config-save')).toBeNull();
    await component.save();
    expect(saved).toEqual([]);
    expect((q('field-proxy.url') as HTMLInputElement).disabled).toBeTrue();
  });

  it('stays read-only when Alma does not say who the user is', async () => {
    await open({ isAdmin: null });
    expect(fixture.componentInstance.form!.disabled).toBeTrue();
    expect(q('config-readonly')!.textContent).toContain('config.access.unknown');
  });

  it('does not save an invalid form, and says so', async () => {
    await open();
    fixture.componentInstance.form!.controls.worldshare.controls.registryId.setValue('12a');
    q('config-save')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(saved).toEqual([]);
    expect(q('config-invalid')).not.toBeNull();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('config.error.registryId');
  });

  it('reports a failed save and keeps the form', async () => {
    await open();
    saveResult = throwError(() => new Error('Alma refused'));
    await fixture.componentInstance.save();
    fixture.detectChanges();
    expect(q('config-save-failed')!.textContent).toContain('config.saveFailed');
    expect(fixture.componentInstance.saveFailedDetail).toBe('Alma refused');
  });

  it('lists repaired fields in one notice, and unknown entries apart', async () => {
    await open({ loaded: { ...repairInstitutionConfig({ ...stored, staleAfterDays: 'soon', legacyKey: 1 }), loadError: null } });
    const notice = q('config-repaired')!.textContent!;
    expect(notice).toContain('config.repairedSome');
    expect(notice).toContain('config.field.staleAfterDays');
    expect(notice).toContain('config.repairedUnknown');
  });

  it('says when nothing usable was stored', async () => {
    await open({ loaded: { ...repairInstitutionConfig({}), loadError: null } });
    expect(q('config-repaired')!.textContent).toContain('config.repairedAll');
  });

  it('offers Alma\'s cancel reasons and keeps a stored reason Alma no longer lists', async () => {
    await open();
    const codes = fixture.componentInstance.reasonOptions.map((r) => r.code);
    expect(codes).toEqual(['ILL_CLOSED_IN_WORLDSHARE', 'OLD_REASON']);
    expect(q('reason-not-in-table')).not.toBeNull();
    fixture.componentInstance.form!.controls.cancelReasonCode.setValue('ILL_CLOSED_IN_WORLDSHARE');
    fixture.detectChanges();
    expect(q('reason-not-in-table')).toBeNull();
  });

  it('says when Alma\'s reason table cannot be read, and keeps the stored code', async () => {
    await open({ reasons: throwError(() => ({ status: 500 })) });
    expect(q('reasons-unreadable')).not.toBeNull();
    expect(fixture.componentInstance.reasonOptions.map((r) => r.code)).toEqual(['OLD_REASON']);
    expect(fixture.componentInstance.form!.controls.cancelReasonCode.value).toBe('OLD_REASON');
  });

  it('warns about the hosted proxy only when it is chosen', async () => {
    await open();
    expect(q('hosted-warning')).toBeNull();
    fixture.componentInstance.form!.controls.proxy.controls.mode.setValue('exlibris');
    fixture.detectChanges();
    expect(q('hosted-warning')!.textContent).toContain('config.hostedWarning');
    expect(q('field-proxy.wskey')).not.toBeNull();
  });
});

import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { TranslateModule } from '@ngx-translate/core';
import { Observable, of, throwError } from 'rxjs';
import { LoadedUserSettings, UserSettingsService } from '../core/user-settings.service';
import { UserSettings, repairUserSettings } from '../domain/user-settings';
import { SettingsPageComponent } from './settings-page.component';

describe('SettingsPageComponent', () => {
  let fixture: ComponentFixture<SettingsPageComponent>;
  let saved: UserSettings[];
  let saveResult: Observable<unknown>;

  const q = (testId: string) =>
    (fixture.nativeElement as HTMLElement).querySelector(
      `[data-testid="${testId}"]`,
    ) as HTMLElement | null;

  async function open(loaded: LoadedUserSettings) {
    saved = [];
    saveResult = of({ success: true });
    TestBed.configureTestingModule({
      imports: [SettingsPageComponent, TranslateModule.forRoot()],
      providers: [
        provideNoopAnimations(),
        provideRouter([]),
        {
          provide: UserSettingsService,
          useValue: {
            get: () => of(loaded),
            save: (s: UserSettings) => {
              saved.push(s);
              return saveResult;
            },
          },
        },
      ],
    });
    fixture = TestBed.createComponent(SettingsPageComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  const stored = (raw: unknown): LoadedUserSettings => {
    const { config, repaired } = repairUserSettings(raw);
    return { settings: config, repaired, loadError: null };
  };

  it('shows the stored settings and saves the changes', async () => {
    await open(
      stored({ version: 1, confirmActions: true, autoApplyRenewals: false, bulkPageSize: 50 }),
    );
    expect(q('settings-repaired')).toBeNull();
    const form = fixture.componentInstance.form()!;
    expect(form.getRawValue()).toEqual({
      confirmActions: true,
      autoApplyRenewals: false,
      bulkPageSize: 50,
    });
    form.patchValue({ confirmActions: false, bulkPageSize: 20 });
    q('settings-save')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(saved).toEqual([
      { version: 1, confirmActions: false, autoApplyRenewals: false, bulkPageSize: 20 },
    ]);
    expect(q('settings-saved')).not.toBeNull();
  });

  it('refuses a page size outside 1 to 100 or not whole', async () => {
    await open(stored({}));
    const size = fixture.componentInstance.form()!.controls.bulkPageSize;
    for (const bad of [0, 101, 2.5, null]) {
      size.setValue(bad);
      await fixture.componentInstance.save();
      fixture.detectChanges();
      expect(q('settings-invalid')).withContext(String(bad)).not.toBeNull();
    }
    expect(saved).toEqual([]);
  });

  it('says in one line which stored values were repaired (wrong types, unknown keys)', async () => {
    await open(
      stored({
        version: 1,
        confirmActions: 'yes',
        autoApplyRenewals: false,
        bulkPageSize: 50,
        theme: 'dark',
      }),
    );
    const notice = q('settings-repaired')!.textContent!;
    expect(notice).toContain('settings.field.confirmActions');
    expect(notice).toContain('settings.repairedUnknown');
    expect(fixture.componentInstance.form()!.controls.confirmActions.value).toBeTrue();
  });

  it('says when nothing was stored yet', async () => {
    await open(stored({}));
    expect(q('settings-repaired')!.textContent).toContain('settings.repairedAll');
  });

  it('reports a failed save', async () => {
    await open(stored({}));
    saveResult = throwError(() => new Error('Alma did not answer within 30 seconds.'));
    await fixture.componentInstance.save();
    fixture.detectChanges();
    expect(q('settings-save-failed')!.textContent).toContain('settings.saveFailed');
  });
});

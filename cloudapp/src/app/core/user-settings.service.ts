import { Injectable } from '@angular/core';
import { CloudAppSettingsService } from '@exlibris/exl-cloudapp-angular-lib';
import { Observable, catchError, map, of, shareReplay, tap } from 'rxjs';
import { UserSettings, repairUserSettings } from '../domain/user-settings';
import { withHostTimeout } from './host-call';

/** The signed-in staff user's settings as loaded, with what had to be repaired. */
export interface LoadedUserSettings {
  settings: UserSettings;
  repaired: string[];
  loadError: string | null;
}

/** Reads and writes the per-user settings (CloudAppSettingsService); damaged values fall back to defaults. */
@Injectable({ providedIn: 'root' })
export class UserSettingsService {
  private cached$: Observable<LoadedUserSettings> | null = null;

  constructor(private readonly settingsService: CloudAppSettingsService) {}

  get(): Observable<LoadedUserSettings> {
    if (!this.cached$) {
      this.cached$ = this.settingsService.get().pipe(
        withHostTimeout<unknown>(),
        map((raw): LoadedUserSettings => {
          const { config, repaired } = repairUserSettings(raw);
          return { settings: config, repaired, loadError: null };
        }),
        catchError((e: unknown) =>
          of<LoadedUserSettings>({
            settings: repairUserSettings({}).config,
            repaired: [],
            loadError: e instanceof Error ? e.message : 'unreadable',
          }),
        ),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.cached$;
  }

  save(settings: UserSettings): Observable<unknown> {
    return this.settingsService.set(settings).pipe(
      withHostTimeout<unknown>(),
      tap(() => (this.cached$ = of({ settings, repaired: [], loadError: null }))),
    );
  }
}

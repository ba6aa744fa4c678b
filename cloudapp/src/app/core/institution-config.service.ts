import { Injectable } from '@angular/core';
import { CloudAppConfigService } from '@exlibris/exl-cloudapp-angular-lib';
import { Observable, catchError, map, of, shareReplay, tap } from 'rxjs';
import { InstitutionConfig, repairInstitutionConfig } from '../domain/institution-config';
import { AlmaService } from './alma.service';
import { withHostTimeout } from './host-call';

/** The institution configuration as loaded, with what had to be repaired on the way. */
export interface LoadedInstitutionConfig {
  config: InstitutionConfig;
  /** Dotted paths that were missing, unknown or of the wrong type and were reset to defaults. */
  repaired: string[];
  /** Set when the stored configuration could not be read at all (defaults are in use). */
  loadError: string | null;
}

/**
 * Reads and writes the institution-level configuration (Cloud App config, set by administrators
 * on the app's config page; CloudAppConfigService). Older or damaged stored values are repaired
 * to defaults, never a crash.
 */
@Injectable({ providedIn: 'root' })
export class InstitutionConfigService {
  private cached$: Observable<LoadedInstitutionConfig> | null = null;

  constructor(
    private readonly configService: CloudAppConfigService,
    private readonly alma: AlmaService,
  ) {}

  /** The configuration, read once and shared; `reload()` reads it again. */
  get(): Observable<LoadedInstitutionConfig> {
    if (!this.cached$) {
      this.cached$ = this.configService.get().pipe(
        withHostTimeout<unknown>(),
        map((raw) => ({ ...repairInstitutionConfig(raw), loadError: null })),
        catchError((e: unknown) =>
          of({
            ...repairInstitutionConfig({}),
            repaired: [],
            loadError: e instanceof Error ? e.message : 'unreadable',
          }),
        ),
        tap((loaded) => this.alma.setCallLimits(loaded.config.almaCallLimits)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.cached$;
  }

  reload(): Observable<LoadedInstitutionConfig> {
    this.cached$ = null;
    return this.get();
  }

  /** Stores the configuration (administrators only; Alma refuses others). */
  save(config: InstitutionConfig): Observable<unknown> {
    return this.configService.set(config).pipe(
      withHostTimeout<unknown>(),
      tap(() => {
        this.alma.setCallLimits(config.almaCallLimits);
        this.cached$ = of({ config, repaired: [], loadError: null });
      }),
    );
  }
}

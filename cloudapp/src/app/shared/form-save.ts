import { computed, signal } from '@angular/core';
import { AbstractControl } from '@angular/forms';
import { Observable, firstValueFrom } from 'rxjs';

/** How the last Save of a page's form went (null before any, and while saving). */
export type SaveOutcome =
  | { kind: 'saved' }
  | { kind: 'invalid' }
  | { kind: 'failed'; detail: string };

/**
 * The Save step of a settings or configuration page, as signals for its template: refuses an
 * invalid form (marking every field touched so its error shows), saves one at a time, and keeps
 * the outcome; a saved form is marked pristine.
 */
export class FormSave {
  readonly saving = signal(false);
  readonly outcome = signal<SaveOutcome | null>(null);
  /** The failure text of the last Save, or null when it did not fail. */
  readonly failedDetail = computed(() => {
    const outcome = this.outcome();
    return outcome?.kind === 'failed' ? outcome.detail : null;
  });

  /**
   * Saves `form` with `write` (the store call, e.g. InstitutionConfigService.save) unless it is
   * invalid or a Save is already running. Resolves true when it was saved.
   */
  async save(form: AbstractControl, write: () => Observable<unknown>): Promise<boolean> {
    if (this.saving()) return false;
    form.markAllAsTouched();
    if (form.invalid) {
      this.outcome.set({ kind: 'invalid' });
      return false;
    }
    this.saving.set(true);
    this.outcome.set(null);
    try {
      await firstValueFrom(write());
      this.outcome.set({ kind: 'saved' });
      form.markAsPristine();
      return true;
    } catch (e) {
      this.outcome.set({
        kind: 'failed',
        detail: e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e),
      });
      return false;
    } finally {
      this.saving.set(false);
    }
  }
}

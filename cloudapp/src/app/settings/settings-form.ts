/**
 * The per-user settings (domain/user-settings.ts) as a typed reactive form, and back, with the
 * field paths `repairUserSettings` reports (each labelled `settings.field.<path>`).
 */
import { FormControl, FormGroup } from '@angular/forms';
import { UserSettings, repairUserSettings } from '../domain/user-settings';
import { numberInRange, requiredNumber } from '../shared/form-validators';

export const SETTINGS_FIELD_PATHS = [
  'version',
  'confirmActions',
  'autoApplyRenewals',
  'bulkPageSize',
] as const;
export type SettingsFieldPath = (typeof SETTINGS_FIELD_PATHS)[number];

/** Bulk page size bounds: Alma's API returns at most 100 requests per call. */
export const BULK_PAGE_SIZE_MIN = 1;
export const BULK_PAGE_SIZE_MAX = 100;

function createControls(s: UserSettings) {
  return {
    confirmActions: new FormControl<boolean>(s.confirmActions, { nonNullable: true }),
    autoApplyRenewals: new FormControl<boolean>(s.autoApplyRenewals, { nonNullable: true }),
    bulkPageSize: new FormControl<number | null>(s.bulkPageSize, {
      validators: [requiredNumber, numberInRange(BULK_PAGE_SIZE_MIN, BULK_PAGE_SIZE_MAX, true)],
    }),
  };
}

export type SettingsForm = FormGroup<ReturnType<typeof createControls>>;

export function buildSettingsForm(settings: UserSettings): SettingsForm {
  return new FormGroup(createControls(settings));
}

/** The settings the form describes, in the stored shape (through `repairUserSettings`). */
export function settingsFromForm(form: SettingsForm): UserSettings {
  const v = form.getRawValue();
  return repairUserSettings({
    version: 1,
    confirmActions: v.confirmActions,
    autoApplyRenewals: v.autoApplyRenewals,
    bulkPageSize: v.bulkPageSize,
  }).config;
}

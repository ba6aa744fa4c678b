/**
 * Per-user settings (settings page, stored with the Cloud App CloudAppSettingsService as JSON),
 * their defaults and their repair. The display language follows Alma and is not stored here.
 */
import { repairToShape, type Repaired, type ShapeRules } from './settings-repair';

export interface UserSettings {
  version: 1;
  /** Ask for confirmation before Export, Clean cancel and Cancel at lender. */
  confirmActions: boolean;
  /** Write an approved renewal's due date into Alma as soon as the request is opened. */
  autoApplyRenewals: boolean;
  /** Requests per page in bulk reconcile (Alma's API returns at most 100 per call). */
  bulkPageSize: number;
}

export const DEFAULT_USER_SETTINGS: UserSettings = Object.freeze({
  version: 1,
  confirmActions: true,
  autoApplyRenewals: false,
  bulkPageSize: 50,
}) as UserSettings;

const USER_SETTINGS_RULES: ShapeRules = {
  version: { kind: 'literal', value: 1 },
  confirmActions: { kind: 'boolean' },
  autoApplyRenewals: { kind: 'boolean' },
  bulkPageSize: { kind: 'integer', min: 1, max: 100 },
};

/**
 * The stored user settings made whole; same contract as `repairInstitutionConfig`: never throws,
 * bad or missing fields take DEFAULT_USER_SETTINGS values, unknown keys are dropped, and every
 * fixed dotted path is listed in `repaired` (empty when nothing was).
 */
export function repairUserSettings(raw: unknown): Repaired<UserSettings> {
  return repairToShape(raw, USER_SETTINGS_RULES, DEFAULT_USER_SETTINGS);
}

/**
 * The shared test institution (fixtures/institution-config.ts) as the app's configuration, for specs
 * and contract tests.
 */
import {
  institutionConfig,
  type ConfigOverrides,
} from '../../../../../fixtures/institution-config';
import { browserTimeZone } from '../calendar-date';
import type { InstitutionConfig } from '../institution-config';

/** The institution's calendar date the specs treat as today. */
export const TODAY = '2026-11-30';

/**
 * A complete configuration (export and ISO 18626 messages both allowed), fresh on every call, with
 * `overrides` merged field by field. Its time zone is the browser's, as a new institution's is
 * (DEFAULT_INSTITUTION_CONFIG): the specs' dates are written for that.
 */
export function configuredInstitution(
  overrides: ConfigOverrides<InstitutionConfig> = {},
): InstitutionConfig {
  return institutionConfig({ timeZone: browserTimeZone() }, overrides);
}

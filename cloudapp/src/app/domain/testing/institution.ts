/**
 * The shared test institution (fixtures/institution-config.json) as the app's configuration, for
 * specs and contract tests.
 */
import {
  institutionConfig,
  withOverrides,
  type ConfigOverrides,
} from '../../../../../fixtures/institution-config';
import { browserTimeZone } from '../calendar-date';
import { repairInstitutionConfig, type InstitutionConfig } from '../institution-config';

/** The institution's calendar date the specs treat as today. */
export const TODAY = '2026-11-30';

/**
 * The shared test institution read the way the app reads its stored configuration. Throws when the
 * app would repair any of it: the specs then no longer test what the stack and the simulator serve.
 */
function sharedInstitution(): InstitutionConfig {
  const { config, repaired } = repairInstitutionConfig(institutionConfig());
  if (repaired.length > 0)
    throw new Error(`The app repairs the shared test institution: ${repaired.join(', ')}`);
  return config;
}

/**
 * A complete configuration (export and ISO 18626 messages both allowed), fresh on every call, with
 * `overrides` merged field by field. Its time zone is the browser's, as a new institution's is
 * (DEFAULT_INSTITUTION_CONFIG): the specs' dates are written for that.
 */
export function configuredInstitution(
  overrides: ConfigOverrides<InstitutionConfig> = {},
): InstitutionConfig {
  return withOverrides(sharedInstitution(), { timeZone: browserTimeZone() }, overrides);
}

/**
 * The institution configuration's fields by their dotted path, as `repairInstitutionConfig` and
 * `missingForExport` name them (domain/institution-config.ts). Each path has a label under
 * `config.field.<path>` in every language file, so the page can name fields in staff words.
 */
export const CONFIG_FIELD_PATHS = [
  'version',
  'proxy.mode',
  'proxy.url',
  'proxy.wskey',
  'proxy.secret',
  'worldshare.registryId',
  'worldshare.symbol',
  'worldshare.illBaseUrl',
  'worldshare.isoPath',
  'worldshare.oauthScopes',
  'worldshare.oauthTokenUrl',
  'defaults.serviceLevel',
  'defaults.maxCost',
  'defaults.currency',
  'defaults.lenderString',
  'defaults.neededByDays',
  'almaPartnerCode',
  'cancelReasonCode',
  'writeLenderDueDate',
  'staleAfterDays',
  'worldshareCallsPerSecond',
  'timeZone',
] as const;

export type ConfigFieldPath = (typeof CONFIG_FIELD_PATHS)[number];

/** True when `path` is one of the configuration's own fields (not an unknown stored key). */
export function isConfigFieldPath(path: string): path is ConfigFieldPath {
  return (CONFIG_FIELD_PATHS as readonly string[]).includes(path);
}

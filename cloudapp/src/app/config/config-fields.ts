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
  'defaults.maxCost',
  'defaults.currency',
  'defaults.lenderString',
  'defaults.neededByDays',
  'almaPartnerCode',
  'cancelReasonCode',
  'writeLenderDueDate',
  'removeRequestOnCancel',
  'staleAfterDays',
  'worldshareCallsPerSecond',
  'analytics.reportPath',
  'analytics.columnOrder',
  'almaCallLimits.concurrent',
  'almaCallLimits.perWindow',
  'almaCallLimits.windowSeconds',
  // The library's own ILL addresses: one entry per address (its lines are not named one by one).
  'library.billingAddress',
  'library.deliveryAddress',
  'timeZone',
] as const;

export type ConfigFieldPath = (typeof CONFIG_FIELD_PATHS)[number];

/** The hints shown under a configuration field, each `config.hint.<code>` in every language file. */
export type ConfigFieldHint =
  | 'proxyUrl'
  | 'proxyUrlHosted'
  | 'registryId'
  | 'symbol'
  | 'illBaseUrl'
  | 'isoPath'
  | 'maxCost'
  | 'lenderString'
  | 'neededByDays'
  | 'almaPartnerCode'
  | 'staleAfterDays'
  | 'worldshareCallsPerSecond'
  | 'timeZone'
  | 'reportPath'
  | 'columnOrder'
  | 'billingAddress'
  | 'deliveryAddress';

/** True when `path` is one of the configuration's own fields (not an unknown stored key). */
export function isConfigFieldPath(path: string): path is ConfigFieldPath {
  return (CONFIG_FIELD_PATHS as readonly string[]).includes(path);
}

/**
 * The configuration field a repaired or missing dotted path belongs to: an address line
 * ('library.billingAddress.address1') is reported as its address ('library.billingAddress');
 * every other path is itself. Repeats are dropped, order kept.
 */
export function configFieldsOf(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    const field = /^library\.(billingAddress|deliveryAddress)\./.test(path)
      ? path.split('.').slice(0, 2).join('.')
      : path;
    if (!out.includes(field)) out.push(field);
  }
  return out;
}

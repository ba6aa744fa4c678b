/**
 * The institution's configuration (set by admins on the config page, stored with the Cloud App
 * CloudAppConfigService as JSON), its defaults and its repair.
 */
import { browserTimeZone, isTimeZone } from './calendar-date';
import { repairToShape, type Repaired, type ShapeRules } from './settings-repair';

export interface InstitutionConfig {
  version: 1;
  /**
   * How the app reaches OCLC. 'own': this project's proxy, which holds the OCLC secret.
   * 'exlibris': the Ex Libris hosted Cloud App proxy; the WSKey then sits in this configuration
   * and travels in `X-Proxy-Auth` (DESIGN.md section 6).
   */
  proxy: {
    mode: 'own' | 'exlibris';
    url: string;
    wskey: string;
    /**
     * The WSKey's secret, hosted Ex Libris proxy only: the app then asks OCLC for its token itself,
     * so the secret sits in this configuration (the config page says so). Always '' with 'own'.
     */
    secret?: string;
  };
  worldshare: {
    /** OCLC registry id of the borrowing institution (digits), sent as `requester.institution.institutionId`. */
    registryId: string;
    /** OCLC symbol of the institution, the requesting agency id in ISO 18626 messages. */
    symbol: string;
    /** ILL Request API base, e.g. 'https://{registryId}.share.worldcat.org' (assumed host, configurable). */
    illBaseUrl: string;
    /** Path of the ISO 18626 endpoint under `illBaseUrl` (assumed, no public document). */
    isoPath: string;
    /** OAuth scopes asked for in the client-credentials grant. */
    oauthScopes: string;
    /** OCLC's token endpoint, used by the app only with the hosted Ex Libris proxy (documented, OCLC OAuth). */
    oauthTokenUrl?: string;
  };
  defaults: {
    /** Service level staff expect by default (shown; WorldShare's request schema has no field for it). */
    serviceLevel: string;
    /** Maximum cost the institution pays; null = send none. */
    maxCost: number | null;
    /** ISO 4217 currency of `maxCost`. */
    currency: string;
    /** Lender string: OCLC registry ids of the lenders to ask, in order, separated by commas or spaces. */
    lenderString: string;
    /** Needed-by date when Alma has none, in days from today. */
    neededByDays: number;
  };
  /** Alma partner code of the WorldShare ILL partner (Alma > Resource Sharing > Partners). */
  almaPartnerCode: string;
  /** Reason code from Alma's RequestCancellationReasons table for clean cancels. */
  cancelReasonCode: string;
  /** Also write the lender's due date on the borrowing request (internal Alma call) on renewal. */
  writeLenderDueDate: boolean;
  /** Days after which an exported request without news is listed as stale. */
  staleAfterDays: number;
  /** Ceiling on WorldShare calls per second in bulk work. */
  worldshareCallsPerSecond: number;
  /**
   * The institution's time zone, an IANA name (e.g. 'America/New_York'): a lender's due date is the
   * calendar date its instant falls on here, and the date written to Alma is the end of that day
   * here. Default: the zone of the browser of the admin who first opens the configuration.
   */
  timeZone: string;
}

/** What a fresh institution starts with; the empty strings must be filled before export. */
export const DEFAULT_INSTITUTION_CONFIG: InstitutionConfig = Object.freeze({
  version: 1,
  proxy: Object.freeze({ mode: 'own', url: '', wskey: '', secret: '' }),
  worldshare: Object.freeze({
    registryId: '',
    symbol: '',
    illBaseUrl: '',
    isoPath: '/ILL/iso18626',
    oauthScopes: 'WorldShareILL',
    oauthTokenUrl: 'https://oauth.oclc.org/token',
  }),
  defaults: Object.freeze({ serviceLevel: '', maxCost: null, currency: 'USD', lenderString: '', neededByDays: 30 }),
  almaPartnerCode: 'WSILL',
  cancelReasonCode: '',
  writeLenderDueDate: true,
  staleAfterDays: 30,
  worldshareCallsPerSecond: 5,
  timeZone: browserTimeZone(),
}) as InstitutionConfig;

const INSTITUTION_CONFIG_RULES: ShapeRules = {
  version: { kind: 'literal', value: 1 },
  proxy: {
    kind: 'object',
    fields: {
      mode: { kind: 'enum', values: ['own', 'exlibris'] },
      url: { kind: 'string', trim: true },
      wskey: { kind: 'string', trim: true },
      secret: { kind: 'string', trim: true },
    },
  },
  worldshare: {
    kind: 'object',
    fields: {
      registryId: { kind: 'string', trim: true },
      symbol: { kind: 'string', trim: true },
      illBaseUrl: { kind: 'string', trim: true },
      isoPath: { kind: 'string', trim: true },
      oauthScopes: { kind: 'string' },
      oauthTokenUrl: { kind: 'string', trim: true },
    },
  },
  defaults: {
    kind: 'object',
    fields: {
      serviceLevel: { kind: 'string' },
      maxCost: { kind: 'number', min: 0, max: 1_000_000, nullable: true },
      currency: { kind: 'string', trim: true },
      lenderString: { kind: 'string' },
      neededByDays: { kind: 'integer', min: 0, max: 3650 },
    },
  },
  almaPartnerCode: { kind: 'string', trim: true },
  cancelReasonCode: { kind: 'string', trim: true },
  writeLenderDueDate: { kind: 'boolean' },
  staleAfterDays: { kind: 'integer', min: 1, max: 3650 },
  worldshareCallsPerSecond: { kind: 'number', min: 0.1, max: 100 },
  timeZone: { kind: 'string', trim: true, valid: isTimeZone },
};

/**
 * The stored institution configuration made whole. `{}`, null, a string, missing keys, unknown
 * keys, wrong types, out-of-range numbers or an older shape never throw: each bad field takes its
 * default (DEFAULT_INSTITUTION_CONFIG) and its dotted path ('proxy.url', 'defaults.maxCost', an
 * unknown 'legacyKey') is listed in `repaired`, which is empty when nothing needed fixing.
 * Numeric text ('25') is accepted for numbers; surrounding spaces are trimmed from codes and URLs.
 */
export function repairInstitutionConfig(raw: unknown): Repaired<InstitutionConfig> {
  return repairToShape(raw, INSTITUTION_CONFIG_RULES, DEFAULT_INSTITUTION_CONFIG);
}

/** True when a registry id is a positive whole number as text ('128807'). */
export function isRegistryId(value: string): boolean {
  return /^\d+$/.test(value) && Number(value) > 0 && Number.isSafeInteger(Number(value));
}

/**
 * Dotted paths that must be set before anything can be exported, in the order the config page
 * shows them: 'proxy.url', 'proxy.wskey' (hosted Ex Libris proxy only), 'worldshare.registryId'
 * (digits), 'worldshare.illBaseUrl', 'almaPartnerCode', 'defaults.currency' (only with a maximum
 * cost). Empty when export can go ahead.
 */
export function missingForExport(config: InstitutionConfig): string[] {
  const missing: string[] = [];
  if (!config.proxy.url.trim()) missing.push('proxy.url');
  if (config.proxy.mode === 'exlibris' && !config.proxy.wskey.trim()) missing.push('proxy.wskey');
  if (config.proxy.mode === 'exlibris' && !(config.proxy.secret ?? '').trim()) missing.push('proxy.secret');
  if (!isRegistryId(config.worldshare.registryId.trim())) missing.push('worldshare.registryId');
  if (!config.worldshare.illBaseUrl.trim()) missing.push('worldshare.illBaseUrl');
  if (!config.almaPartnerCode.trim()) missing.push('almaPartnerCode');
  if (config.defaults.maxCost !== null && !config.defaults.currency.trim()) missing.push('defaults.currency');
  return missing;
}

/**
 * Dotted paths that must be set before ISO 18626 messages (Renew, Cancel at the lender) can be
 * sent: the proxy, the institution's OCLC symbol (the requesting agency id) and the ISO endpoint.
 */
export function missingForIsoMessages(config: InstitutionConfig): string[] {
  const missing: string[] = [];
  if (!config.proxy.url.trim()) missing.push('proxy.url');
  if (config.proxy.mode === 'exlibris' && !config.proxy.wskey.trim()) missing.push('proxy.wskey');
  if (config.proxy.mode === 'exlibris' && !(config.proxy.secret ?? '').trim()) missing.push('proxy.secret');
  if (!config.worldshare.symbol.trim()) missing.push('worldshare.symbol');
  if (!config.worldshare.illBaseUrl.trim()) missing.push('worldshare.illBaseUrl');
  if (!config.worldshare.isoPath.trim()) missing.push('worldshare.isoPath');
  return missing;
}

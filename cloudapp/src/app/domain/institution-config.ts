/**
 * The institution's configuration (set by admins on the config page, stored with the Cloud App
 * CloudAppConfigService as JSON), its defaults and its repair.
 */
import { browserTimeZone, isTimeZone } from './calendar-date';
import { repairToShape, type FieldRule, type Repaired, type ShapeRules } from './settings-repair';

export interface InstitutionConfig {
  version: 1;
  /**
   * How the app reaches OCLC. 'own': this project's proxy, which holds the OCLC secret.
   * 'exlibris': the Ex Libris hosted Cloud App proxy; the WSKey then sits in this configuration
   * and travels in `X-Proxy-Auth` (docs/contracts.md, "OCLC OAuth 2 (WSKey)").
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
  /**
   * Also write the lender's due date on the borrowing request when a renewal is applied, through
   * `op=request_renewal`, an Alma call Ex Libris does not document (docs/contracts.md, "Alma calls
   * that Ex Libris does not document"). Off by default; the config page lets an administrator
   * switch it on only after Test connection has tried it on a request they name.
   */
  writeLenderDueDate: boolean;
  /**
   * Clean cancel sends `remove_request=true` with the documented cancel call, so the cancelled
   * borrowing request is deleted from Alma (the usual library procedure). Off: it stays in Alma
   * with status cancelled. Default on.
   */
  removeRequestOnCancel: boolean;
  /** Days after which an exported request without news is listed as stale. */
  staleAfterDays: number;
  /** Ceiling on WorldShare calls per second in bulk work. */
  worldshareCallsPerSecond: number;
  // ---- Bulk from an Alma Analytics report (docs/contracts.md, "Alma Analytics reports") ----
  analytics: {
    /**
     * Full catalog path of the Analytics report listing the exported borrowing requests, as the
     * Analytics UI shows it (e.g. '/shared/My University/Reports/Exported borrowing requests');
     * '' = no report, bulk works on the page only.
     */
    reportPath: string;
    /**
     * The report's columns in order, by field key (ANALYTICS_FIELDS), separated by commas; used only
     * when the report's answer carries no column headings.
     */
    columnOrder: string;
  };
  /**
   * Limits on REST calls made through the Cloud App SDK, per staff user (developers.exlibrisgroup.com,
   * Cloud Apps "REST Service": 10 simultaneous requests and 25 requests in 5 seconds; documented).
   */
  almaCallLimits: {
    /** Calls in flight at once. */
    concurrent: number;
    /** Calls started in any window of `windowSeconds`. */
    perWindow: number;
    windowSeconds: number;
  };
  // ---- The library's own ILL addresses ----
  /** The library's addresses sent with every WorldShare ILL request; never a patron's. */
  library: LibraryAddresses;
  /**
   * The institution's time zone, an IANA name (e.g. 'America/New_York'): a lender's due date is the
   * calendar date its instant falls on here, and the date written to Alma is the end of that day
   * here. Default: the zone of the browser of the admin who first opens the configuration.
   */
  timeZone: string;
}

/**
 * A postal address as OCLC's ILL Request API takes it (contracts/oclc-ill/swagger.json `Address`,
 * documented): every field is free text; '' means not given.
 */
export interface LibraryAddress {
  attention: string;
  address1: string;
  address2: string;
  locality: string;
  region: string;
  postal: string;
  country: string;
}

/** The order in which an address's lines are shown and edited. */
export const LIBRARY_ADDRESS_FIELDS = [
  'attention',
  'address1',
  'address2',
  'locality',
  'region',
  'postal',
  'country',
] as const;

/** One line of a library address, e.g. 'address1'. */
export type LibraryAddressLine = (typeof LIBRARY_ADDRESS_FIELDS)[number];

/**
 * The library's ILL addresses. OCLC refuses a request without
 * `requester.requesterBilling.address.address1` (contracts/oclc-ill/failure-example.json); its
 * sample (illRequest-sample.json) carries both a billing and a delivery address.
 */
export interface LibraryAddresses {
  /** Where lenders send invoices; `address1` is required before export. */
  billingAddress: LibraryAddress;
  /** Where lenders ship the item; all blank = the billing address is sent as the delivery address. */
  deliveryAddress: LibraryAddress;
}

const EMPTY_ADDRESS: LibraryAddress = Object.freeze({
  attention: '',
  address1: '',
  address2: '',
  locality: '',
  region: '',
  postal: '',
  country: '',
});

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
  defaults: Object.freeze({ maxCost: null, currency: 'USD', lenderString: '', neededByDays: 30 }),
  almaPartnerCode: 'WSILL',
  cancelReasonCode: '',
  writeLenderDueDate: false,
  removeRequestOnCancel: true,
  staleAfterDays: 30,
  worldshareCallsPerSecond: 5,
  analytics: Object.freeze({
    reportPath: '',
    columnOrder: 'requestId,userId,externalId,partnerCode,status,lastModified',
  }),
  almaCallLimits: Object.freeze({ concurrent: 10, perWindow: 25, windowSeconds: 5 }),
  library: Object.freeze({ billingAddress: EMPTY_ADDRESS, deliveryAddress: EMPTY_ADDRESS }),
  timeZone: browserTimeZone(),
}) as InstitutionConfig;

const ADDRESS_RULE: FieldRule = {
  kind: 'object',
  fields: Object.fromEntries(
    LIBRARY_ADDRESS_FIELDS.map((f) => [f, { kind: 'string', trim: true } as FieldRule]),
  ),
};

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
      /** Retired: OCLC's ILL Request API (contracts/oclc-ill/swagger.json) has no service level field. */
      serviceLevel: { kind: 'retired' },
      maxCost: { kind: 'number', min: 0, max: 1_000_000, nullable: true },
      currency: { kind: 'string', trim: true },
      lenderString: { kind: 'string' },
      neededByDays: { kind: 'integer', min: 0, max: 3650 },
    },
  },
  almaPartnerCode: { kind: 'string', trim: true },
  cancelReasonCode: { kind: 'string', trim: true },
  writeLenderDueDate: { kind: 'boolean' },
  removeRequestOnCancel: { kind: 'boolean' },
  staleAfterDays: { kind: 'integer', min: 1, max: 3650 },
  worldshareCallsPerSecond: { kind: 'number', min: 0.1, max: 100 },
  analytics: {
    kind: 'object',
    fields: {
      reportPath: { kind: 'string', trim: true },
      columnOrder: { kind: 'string', trim: true },
    },
  },
  almaCallLimits: {
    kind: 'object',
    fields: {
      concurrent: { kind: 'integer', min: 1, max: 50 },
      perWindow: { kind: 'integer', min: 1, max: 500 },
      windowSeconds: { kind: 'integer', min: 1, max: 60 },
    },
  },
  // ---- The library's own ILL addresses ----
  library: {
    kind: 'object',
    fields: { billingAddress: ADDRESS_RULE, deliveryAddress: ADDRESS_RULE },
  },
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
 * cost), 'library.billingAddress' (its first line; OCLC refuses a request without it,
 * contracts/oclc-ill/failure-example.json). Empty when export can go ahead.
 */
export function missingForExport(config: InstitutionConfig): string[] {
  const missing: string[] = [];
  if (!config.proxy.url.trim()) missing.push('proxy.url');
  if (config.proxy.mode === 'exlibris' && !config.proxy.wskey.trim()) missing.push('proxy.wskey');
  if (config.proxy.mode === 'exlibris' && !(config.proxy.secret ?? '').trim())
    missing.push('proxy.secret');
  if (!isRegistryId(config.worldshare.registryId.trim())) missing.push('worldshare.registryId');
  if (!config.worldshare.illBaseUrl.trim()) missing.push('worldshare.illBaseUrl');
  if (!config.almaPartnerCode.trim()) missing.push('almaPartnerCode');
  if (config.defaults.maxCost !== null && !config.defaults.currency.trim())
    missing.push('defaults.currency');
  if (!config.library.billingAddress.address1.trim()) missing.push('library.billingAddress');
  return missing;
}

/** True when no line of the address is filled. */
export function isBlankAddress(address: LibraryAddress): boolean {
  return LIBRARY_ADDRESS_FIELDS.every((f) => address[f].trim() === '');
}

/**
 * The delivery address the export sends: the configured one, or the billing address when every
 * delivery line is blank (the config page says so).
 */
export function effectiveDeliveryAddress(config: InstitutionConfig): LibraryAddress {
  const delivery = config.library.deliveryAddress;
  return isBlankAddress(delivery) ? config.library.billingAddress : delivery;
}

/**
 * Dotted paths that must be set before ISO 18626 messages (Renew, Cancel at the lender) can be
 * sent: the proxy, the institution's OCLC symbol (the requesting agency id) and the ISO endpoint.
 */
export function missingForIsoMessages(config: InstitutionConfig): string[] {
  const missing: string[] = [];
  if (!config.proxy.url.trim()) missing.push('proxy.url');
  if (config.proxy.mode === 'exlibris' && !config.proxy.wskey.trim()) missing.push('proxy.wskey');
  if (config.proxy.mode === 'exlibris' && !(config.proxy.secret ?? '').trim())
    missing.push('proxy.secret');
  if (!config.worldshare.symbol.trim()) missing.push('worldshare.symbol');
  if (!config.worldshare.illBaseUrl.trim()) missing.push('worldshare.illBaseUrl');
  if (!config.worldshare.isoPath.trim()) missing.push('worldshare.isoPath');
  return missing;
}

/**
 * The institution configuration as a typed reactive form, and back. The form holds every field
 * of InstitutionConfig (domain/institution-config.ts), so saving never drops a value the page
 * does not show prominently (the OAuth scopes, the format version).
 */
import { AbstractControl, FormControl, FormGroup, ValidatorFn } from '@angular/forms';
import {
  DEFAULT_INSTITUTION_CONFIG,
  InstitutionConfig,
  LIBRARY_ADDRESS_FIELDS,
  LibraryAddress,
  LibraryAddressLine,
  repairInstitutionConfig,
} from '../domain/institution-config';
import {
  allowedProxyUrl,
  addressFirstLineValidator,
  addressLineValidator,
  currencyValidator,
  lenderStringValidator,
  numberInRange,
  oclcSymbolValidator,
  registryIdValidator,
  requiredNumber,
  requiredText,
  secureUrl,
  timeZoneValidator,
  urlPathValidator,
  wskeyValidator,
} from '../shared/form-validators';

export type ProxyMode = InstitutionConfig['proxy']['mode'];

const text = (value: string, validators: ValidatorFn[] = []) =>
  new FormControl<string>(value, { nonNullable: true, validators });

const num = (value: number | null, validators: ValidatorFn[]) =>
  new FormControl<number | null>(value, { validators });

/** One address (billing or delivery) as a form group, a control per line of swagger.json `Address`. */
function addressGroup(a: LibraryAddress) {
  return new FormGroup({
    attention: text(a.attention, [addressLineValidator]),
    address1: text(a.address1, [addressLineValidator, addressFirstLineValidator]),
    address2: text(a.address2, [addressLineValidator]),
    locality: text(a.locality, [addressLineValidator]),
    region: text(a.region, [addressLineValidator]),
    postal: text(a.postal, [addressLineValidator]),
    country: text(a.country, [addressLineValidator]),
  });
}

type AddressGroup = ReturnType<typeof addressGroup>;

/** Builds the form groups; the shape follows InstitutionConfig one to one. */
function createGroups(c: InstitutionConfig) {
  return {
    proxy: new FormGroup({
      mode: new FormControl<ProxyMode>(c.proxy.mode, { nonNullable: true }),
      url: text(c.proxy.url, [requiredText, secureUrl, allowedProxyUrl()]),
      wskey: text(c.proxy.wskey, [wskeyValidator]),
      secret: text(c.proxy.secret ?? '', [wskeyValidator]),
    }),
    worldshare: new FormGroup({
      registryId: text(c.worldshare.registryId, [requiredText, registryIdValidator]),
      symbol: text(c.worldshare.symbol, [oclcSymbolValidator]),
      illBaseUrl: text(c.worldshare.illBaseUrl, [requiredText, secureUrl]),
      isoPath: text(c.worldshare.isoPath, [requiredText, urlPathValidator]),
      oauthScopes: text(c.worldshare.oauthScopes, [requiredText]),
      oauthTokenUrl: text(c.worldshare.oauthTokenUrl ?? '', [secureUrl]),
    }),
    defaults: new FormGroup({
      maxCost: num(c.defaults.maxCost, [numberInRange(0, 1_000_000, false)]),
      currency: text(c.defaults.currency, [currencyValidator]),
      lenderString: text(c.defaults.lenderString, [lenderStringValidator]),
      neededByDays: num(c.defaults.neededByDays, [requiredNumber, numberInRange(0, 3650, true)]),
    }),
    almaPartnerCode: text(c.almaPartnerCode, [requiredText]),
    cancelReasonCode: text(c.cancelReasonCode),
    writeLenderDueDate: new FormControl<boolean>(c.writeLenderDueDate, { nonNullable: true }),
    removeRequestOnCancel: new FormControl<boolean>(c.removeRequestOnCancel, { nonNullable: true }),
    staleAfterDays: num(c.staleAfterDays, [requiredNumber, numberInRange(1, 3650, true)]),
    worldshareCallsPerSecond: num(c.worldshareCallsPerSecond, [
      requiredNumber,
      numberInRange(0.1, 100, false),
    ]),
    // Bulk from an Analytics report, and the Cloud App call limits.
    analytics: new FormGroup({
      reportPath: text(c.analytics.reportPath),
      columnOrder: text(c.analytics.columnOrder),
    }),
    almaCallLimits: new FormGroup({
      concurrent: num(c.almaCallLimits.concurrent, [requiredNumber, numberInRange(1, 50, true)]),
      perWindow: num(c.almaCallLimits.perWindow, [requiredNumber, numberInRange(1, 500, true)]),
      windowSeconds: num(c.almaCallLimits.windowSeconds, [
        requiredNumber,
        numberInRange(1, 60, true),
      ]),
    }),
    // ---- The library's own ILL addresses ----
    library: new FormGroup({
      billingAddress: addressGroup(c.library.billingAddress),
      deliveryAddress: addressGroup(c.library.deliveryAddress),
    }),
    timeZone: text(c.timeZone, [requiredText, timeZoneValidator]),
  };
}

export type ConfigForm = FormGroup<ReturnType<typeof createGroups>>;

/**
 * A form holding `config`. The WSKey and currency checks depend on a sibling field (proxy mode,
 * maximum cost); they are re-run whenever that sibling changes.
 */
export function buildConfigForm(config: InstitutionConfig): ConfigForm {
  const form = new FormGroup(createGroups(config));
  const proxy = form.controls.proxy.controls;
  proxy.mode.valueChanges.subscribe(() => {
    proxy.wskey.updateValueAndValidity();
    proxy.secret.updateValueAndValidity();
  });
  const defaults = form.controls.defaults.controls;
  defaults.maxCost.valueChanges.subscribe(() => defaults.currency.updateValueAndValidity());
  for (const address of [
    form.controls.library.controls.billingAddress,
    form.controls.library.controls.deliveryAddress,
  ]) {
    watchAddress(address);
  }
  // Sibling-dependent validators ran before their parent existed: run them once more now.
  proxy.wskey.updateValueAndValidity();
  proxy.secret.updateValueAndValidity();
  defaults.currency.updateValueAndValidity();
  return form;
}

/** address1's check reads the other lines: run it again when any of them changes. */
function watchAddress(group: AddressGroup): void {
  const first = group.controls.address1;
  for (const field of LIBRARY_ADDRESS_FIELDS) {
    if (field !== 'address1')
      group.controls[field].valueChanges.subscribe(() => first.updateValueAndValidity());
  }
  first.updateValueAndValidity();
}

/** An address group's lines, trimmed. */
function addressOf(v: Record<LibraryAddressLine, string>): LibraryAddress {
  return Object.fromEntries(
    LIBRARY_ADDRESS_FIELDS.map((f) => [f, v[f].trim()]),
  ) as unknown as LibraryAddress;
}

/**
 * The configuration the form describes (disabled controls included), trimmed and passed through
 * `repairInstitutionConfig` so that what is saved always has the stored shape; `repaired` lists
 * what the form could not express (it should stay empty when the form is valid).
 */
export function configFromForm(form: ConfigForm): {
  config: InstitutionConfig;
  repaired: string[];
} {
  const v = form.getRawValue();
  const trim = (s: string) => s.trim();
  const raw = {
    version: 1,
    proxy: {
      mode: v.proxy.mode,
      url: trim(v.proxy.url),
      wskey: v.proxy.mode === 'exlibris' ? trim(v.proxy.wskey) : '',
      // The secret is kept only while the hosted proxy is chosen; switching back forgets it.
      secret: v.proxy.mode === 'exlibris' ? trim(v.proxy.secret) : '',
    },
    worldshare: {
      registryId: trim(v.worldshare.registryId),
      symbol: trim(v.worldshare.symbol).toUpperCase(),
      illBaseUrl: trim(v.worldshare.illBaseUrl).replace(/\/+$/, ''),
      isoPath: trim(v.worldshare.isoPath),
      oauthScopes: trim(v.worldshare.oauthScopes),
      // Blank means OCLC's own token address.
      oauthTokenUrl:
        trim(v.worldshare.oauthTokenUrl) || DEFAULT_INSTITUTION_CONFIG.worldshare.oauthTokenUrl,
    },
    defaults: {
      maxCost: v.defaults.maxCost,
      currency: trim(v.defaults.currency).toUpperCase(),
      lenderString: normalizeLenderString(v.defaults.lenderString),
      neededByDays: v.defaults.neededByDays,
    },
    almaPartnerCode: trim(v.almaPartnerCode),
    cancelReasonCode: trim(v.cancelReasonCode),
    writeLenderDueDate: v.writeLenderDueDate,
    removeRequestOnCancel: v.removeRequestOnCancel,
    staleAfterDays: v.staleAfterDays,
    worldshareCallsPerSecond: v.worldshareCallsPerSecond,
    analytics: {
      reportPath: trim(v.analytics.reportPath),
      columnOrder: trim(v.analytics.columnOrder),
    },
    almaCallLimits: { ...v.almaCallLimits },
    // ---- The library's own ILL addresses ----
    library: {
      billingAddress: addressOf(v.library.billingAddress),
      deliveryAddress: addressOf(v.library.deliveryAddress),
    },
    timeZone: trim(v.timeZone),
  };
  return repairInstitutionConfig(raw);
}

/** '148456 ,116402;  99' -> '148456, 116402, 99' (one separator style; order kept: it is the ask order). */
export function normalizeLenderString(value: string): string {
  return value
    .split(/[\s,;]+/)
    .filter((t) => t !== '')
    .join(', ');
}

/**
 * The control at a dotted path of a configuration form, for the field components that find their
 * own control in the enclosing `<form [formGroup]>`. Throws when the path names no single control:
 * a template naming a field the form does not have is a programming error, not bad input.
 */
export function configControlAt<T>(form: AbstractControl, path: string): FormControl<T> {
  const control = form.get(path);
  if (!(control instanceof FormControl)) throw new Error(`no form control at ${path}`);
  return control as FormControl<T>;
}

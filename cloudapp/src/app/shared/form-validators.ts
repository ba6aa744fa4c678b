/**
 * Validators of the institution configuration form and the staff-facing message of a field's
 * first error. Every error a validator here raises is keyed by a `ConfigErrorCode`; its text is
 * `config.error.<code>` in the language files, with the error's params as placeholders.
 */
import {
  AbstractControl,
  FormArray,
  FormGroup,
  ValidationErrors,
  ValidatorFn,
} from '@angular/forms';
import { proxyAddressAllowed } from '../domain/connect-src';
import { isTimeZone } from '../domain/calendar-date';
import { isRegistryId } from '../domain/institution-config';

export type ConfigErrorCode =
  | 'required'
  | 'url'
  | 'https'
  | 'notAllowed'
  | 'registryId'
  | 'symbol'
  | 'lenders'
  | 'path'
  | 'currency'
  | 'integer'
  | 'range'
  | 'addressLine'
  | 'addressFirstLine'
  | 'timeZone';

/** A field's error ready for display: `config.error.<code>` with `params`. */
export interface ConfigFieldError {
  code: ConfigErrorCode;
  params: Record<string, string>;
}

/** Order in which a field's errors are reported when it has several (the most basic first). */
const ERROR_ORDER: readonly ConfigErrorCode[] = [
  'required',
  'url',
  'https',
  'notAllowed',
  'registryId',
  'symbol',
  'lenders',
  'path',
  'currency',
  'integer',
  'range',
  'addressLine',
  'addressFirstLine',
  'timeZone',
];

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function text(control: AbstractControl): string {
  const value: unknown = control.value;
  return typeof value === 'string'
    ? value.trim()
    : value === null || value === undefined
      ? ''
      : String(value);
}

/** Non-empty after trimming (Angular's own `required` accepts a string of spaces). */
export const requiredText: ValidatorFn = (control) =>
  text(control) === '' ? { required: {} } : null;

/**
 * An absolute URL the app may call: `https:` anywhere, or `http:` on this computer only
 * (127.0.0.1, localhost, [::1]) for a proxy or test double run locally. Empty passes (pair with
 * `requiredText`). Errors: `url` (not an absolute http(s) URL), `https` (plain http elsewhere).
 */
export const secureUrl: ValidatorFn = (control) => {
  const value = text(control);
  if (value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { url: {} };
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return { url: {} };
  return LOCAL_HOSTS.has(url.hostname) ? null : { https: {} };
};

/**
 * A proxy address Alma lets the app reach: one the manifest's `contentSecurity.connectSrc` allows (the
 * browser blocks any other inside Alma), or a proxy on this computer (domain/connect-src.ts). Empty or
 * malformed passes (pair with `requiredText` and `secureUrl`). Error `notAllowed` with `hosts`, the
 * manifest's list as the staff member should read it.
 */
export function allowedProxyUrl(sources?: readonly string[]): ValidatorFn {
  return (control) => {
    const value = text(control);
    if (value === '') return null;
    const check = proxyAddressAllowed(value, sources);
    return check.allowed ? null : { notAllowed: { hosts: check.listed.join(', ') } };
  };
}

/** An OCLC registry id: digits only, greater than zero (isRegistryId). Empty passes. */
export const registryIdValidator: ValidatorFn = (control) => {
  const value = text(control);
  return value === '' || isRegistryId(value) ? null : { registryId: { value } };
};

/**
 * An OCLC symbol as ISO 18626 uses it for the requesting agency: 2 to 8 letters or digits
 * (OCLC symbols are usually 3 to 5; the bounds are deliberately loose). Empty passes.
 */
export const oclcSymbolValidator: ValidatorFn = (control) => {
  const value = text(control);
  return value === '' || /^[A-Za-z0-9]{2,8}$/.test(value) ? null : { symbol: { value } };
};

/** An IANA time zone name the browser knows, e.g. America/New_York. Empty passes (`requiredText` catches it). */
export const timeZoneValidator: ValidatorFn = (control) => {
  const value = text(control);
  return value === '' || isTimeZone(value) ? null : { timeZone: { value } };
};

/**
 * The lender string: registry ids separated by commas, semicolons or spaces, as the export sends
 * them in `supplierInfo.institutions` (citation-mapping.ts). Empty passes (WorldShare then picks
 * no lenders of the app's choosing). Error `lenders` lists the tokens that are not registry ids.
 */
export const lenderStringValidator: ValidatorFn = (control) => {
  const bad = text(control)
    .split(/[\s,;]+/)
    .filter((t) => t !== '' && !isRegistryId(t));
  return bad.length ? { lenders: { values: bad.join(', ') } } : null;
};

/** A URL path under the WorldShare base: starts with '/', no spaces, no query. Empty passes. */
export const urlPathValidator: ValidatorFn = (control) => {
  const value = text(control);
  return value === '' || /^\/[^\s?#]*$/.test(value) ? null : { path: {} };
};

/**
 * A number within [min, max] (inclusive), and a whole number when `integer`. Empty passes (pair
 * with `requiredNumber` where a value is needed). Errors: `integer`, `range` with {min, max}.
 */
export function numberInRange(min: number, max: number, integer: boolean): ValidatorFn {
  return (control) => {
    const value: unknown = control.value;
    if (value === null || value === undefined || value === '') return null;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) return { range: { min: String(min), max: String(max) } };
    if (integer && !Number.isInteger(n)) return { integer: {} };
    return n < min || n > max ? { range: { min: String(min), max: String(max) } } : null;
  };
}

/** A number must be given (an empty number input yields null). */
export const requiredNumber: ValidatorFn = (control) => {
  const value: unknown = control.value;
  return value === null || value === undefined || value === '' ? { required: {} } : null;
};

/**
 * An ISO 4217 currency code (three letters), required when the sibling `maxCost` control has a
 * value: WorldShare's `maximumCost` needs its currency (contracts/oclc-ill/swagger.json `Money`). Re-run it when
 * maxCost changes (buildConfigForm does).
 */
export const currencyValidator: ValidatorFn = (control) => {
  const value = text(control);
  const maxCost: unknown = control.parent?.get('maxCost')?.value;
  const costGiven = maxCost !== null && maxCost !== undefined && maxCost !== '';
  if (value === '') return costGiven ? { required: {} } : null;
  return /^[A-Za-z]{3}$/.test(value) ? null : { currency: { value } };
};

/**
 * The WSKey is required only with the Ex Libris hosted proxy (sibling `mode` = 'exlibris'): with
 * this project's own proxy the key stays on the proxy server. Re-run it when mode changes.
 */
export const wskeyValidator: ValidatorFn = (control) => {
  const mode: unknown = control.parent?.get('mode')?.value;
  return mode === 'exlibris' && text(control) === '' ? { required: {} } : null;
};

/**
 * The first error of a control, in ERROR_ORDER, with its params as strings; null when the
 * control is valid or disabled. When it is shown is Angular Material's choice (touched, or the
 * form submitted).
 */
export function configErrorOf(
  control: AbstractControl | null | undefined,
): ConfigFieldError | null {
  return control?.errors ? firstError(control.errors) : null;
}

/** The first error of each field of a form by its dotted path, e.g. `proxy.url`. */
export type FieldErrors = Partial<Record<string, ConfigFieldError>>;

/**
 * The first error (configErrorOf) of every field of `form`, by dotted path ('proxy.url',
 * 'library.billingAddress.address1'); valid and disabled fields are left out. Read once per form
 * event, so templates look errors up instead of asking the form on every change detection.
 */
export function fieldErrors(form: AbstractControl): FieldErrors {
  const out: FieldErrors = {};
  const visit = (control: AbstractControl, path: string): void => {
    if (control instanceof FormGroup || control instanceof FormArray) {
      for (const [name, child] of Object.entries(
        control.controls as Record<string, AbstractControl>,
      ))
        visit(child, path ? `${path}.${name}` : name);
      return;
    }
    const error = configErrorOf(control);
    if (error) out[path] = error;
  };
  visit(form, '');
  return out;
}

/** The first error of a ValidationErrors map in ERROR_ORDER (unknown codes are ignored). */
export function firstError(errors: ValidationErrors): ConfigFieldError | null {
  for (const code of ERROR_ORDER) {
    if (!(code in errors)) continue;
    const raw: unknown = errors[code];
    const params: Record<string, string> = {};
    if (raw && typeof raw === 'object') {
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) params[k] = String(v);
    }
    return { code, params };
  }
  return null;
}

/** Longest line of a library address the form accepts (OCLC publishes no limit; assumed). */
export const ADDRESS_LINE_MAX = 100;

/**
 * One line of the library's billing or delivery address: at most ADDRESS_LINE_MAX characters, on
 * one line (no line breaks or other control characters). Empty passes. Error `addressLine` {max}.
 */
export const addressLineValidator: ValidatorFn = (control) => {
  const value = text(control);
  // eslint-disable-next-line no-control-regex
  return value.length > ADDRESS_LINE_MAX || /[\u0000-\u001f\u007f]/.test(value)
    ? { addressLine: { max: String(ADDRESS_LINE_MAX) } }
    : null;
};

/**
 * The first street line (`address1`) of an address whose other lines are filled: an address
 * without it is not one a lender can use, and OCLC requires it for billing. Reads the sibling
 * controls; re-run it when they change (buildConfigForm does). Error `addressFirstLine`.
 */
export const addressFirstLineValidator: ValidatorFn = (control) => {
  const group = control.parent;
  if (!group || text(control) !== '') return null;
  const others = Object.entries(group.controls as Record<string, AbstractControl>).filter(
    ([name]) => name !== 'address1',
  );
  return others.some(([, c]) => text(c) !== '') ? { addressFirstLine: {} } : null;
};

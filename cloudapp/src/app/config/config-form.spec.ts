import {
  DEFAULT_INSTITUTION_CONFIG,
  InstitutionConfig,
  repairInstitutionConfig,
} from '../domain/institution-config';
import { configuredInstitution } from '../domain/testing/institution';
import { buildConfigForm, configFromForm, normalizeLenderString } from './config-form';

/** Complete, with values a fresh configuration lacks, so the round trip shows every field kept. */
const complete: InstitutionConfig = configuredInstitution({
  // The proxy address the manifest lists: the form refuses any other.
  proxy: { url: 'https://worldshare-bridge-proxy.example.org' },
  writeLenderDueDate: true,
  analytics: { reportPath: '/shared/Uni/Reports/Exported' },
  timeZone: 'America/New_York',
});

describe('config form', () => {
  it('round-trips a complete configuration unchanged and valid', () => {
    const form = buildConfigForm(complete);
    expect(form.valid).toBeTrue();
    const out = configFromForm(form);
    expect(out.config).toEqual(complete);
    expect(out.repaired).toEqual([]);
  });

  it('is invalid for the defaults (nothing to reach OCLC with yet), naming the fields', () => {
    const form = buildConfigForm(repairInstitutionConfig({}).config);
    expect(form.valid).toBeFalse();
    expect(form.get('proxy.url')!.hasError('required')).toBeTrue();
    expect(form.get('worldshare.registryId')!.hasError('required')).toBeTrue();
    expect(form.get('worldshare.illBaseUrl')!.hasError('required')).toBeTrue();
    expect(form.get('almaPartnerCode')!.valid).toBeTrue();
    expect(configFromForm(form).config).toEqual(DEFAULT_INSTITUTION_CONFIG);
  });

  it("checks the library's addresses: one line each, a street line whenever other lines are filled", () => {
    const form = buildConfigForm(complete);
    const delivery = form.controls.library.controls.deliveryAddress.controls;
    delivery.locality.setValue('Springfield');
    expect(delivery.address1.hasError('addressFirstLine')).toBeTrue();
    delivery.address1.setValue('Dock B');
    expect(delivery.address1.valid).toBeTrue();
    delivery.attention.setValue('x'.repeat(101));
    expect(delivery.attention.hasError('addressLine')).toBeTrue();
    delivery.attention.setValue('ILL\nOffice');
    expect(delivery.attention.hasError('addressLine')).toBeTrue();
    delivery.attention.setValue('  ILL Office ');
    expect(form.valid).toBeTrue();
    expect(configFromForm(form).config.library.deliveryAddress).toEqual({
      attention: 'ILL Office',
      address1: 'Dock B',
      address2: '',
      locality: 'Springfield',
      region: '',
      postal: '',
      country: '',
    });
  });

  it('does not require a billing address to save (export says what is missing), but never a partial one', () => {
    const form = buildConfigForm({
      ...complete,
      library: { ...complete.library, billingAddress: { ...complete.library.deliveryAddress } },
    });
    expect(form.valid).toBeTrue();
    form.controls.library.controls.billingAddress.controls.postal.setValue('45501');
    expect(form.valid).toBeFalse();
  });

  it('requires the WSKey and its secret once the hosted proxy is chosen, and keeps them only in that mode', () => {
    const form = buildConfigForm(complete);
    form.controls.proxy.controls.mode.setValue('exlibris');
    expect(form.get('proxy.wskey')!.hasError('required')).toBeTrue();
    expect(form.get('proxy.secret')!.hasError('required')).toBeTrue();
    form.controls.proxy.controls.wskey.setValue(' key-1 ');
    expect(form.valid).toBeFalse();
    form.controls.proxy.controls.secret.setValue('shh');
    expect(form.valid).toBeTrue();
    expect(configFromForm(form).config.proxy.wskey).toBe('key-1');
    expect(configFromForm(form).config.proxy.secret).toBe('shh');
    form.controls.proxy.controls.mode.setValue('own');
    expect(configFromForm(form).config.proxy.wskey).toBe('');
    expect(configFromForm(form).config.proxy.secret).toBe('');
  });

  it('requires a currency once a maximum cost is given', () => {
    const form = buildConfigForm({
      ...complete,
      defaults: { ...complete.defaults, maxCost: null, currency: '' },
    });
    expect(form.valid).toBeTrue();
    form.controls.defaults.controls.maxCost.setValue(10);
    expect(form.get('defaults.currency')!.hasError('required')).toBeTrue();
  });

  it('normalizes what staff type: trims, upper-cases codes, one lender separator, no trailing slash', () => {
    const form = buildConfigForm(complete);
    form.patchValue({
      worldshare: { symbol: ' zap ', illBaseUrl: 'https://128807.share.worldcat.org/ ' },
      defaults: { currency: 'eur', lenderString: ' 148456 ;116402  99' },
      almaPartnerCode: ' WSILL ',
    });
    const out = configFromForm(form).config;
    expect(out.worldshare.symbol).toBe('ZAP');
    expect(out.worldshare.illBaseUrl).toBe('https://128807.share.worldcat.org');
    expect(out.defaults.currency).toBe('EUR');
    expect(out.defaults.lenderString).toBe('148456, 116402, 99');
    expect(out.almaPartnerCode).toBe('WSILL');
  });

  it('flags out-of-range numbers and falls back to defaults rather than saving them', () => {
    const form = buildConfigForm(complete);
    form.patchValue({ staleAfterDays: 0, worldshareCallsPerSecond: 500 });
    expect(form.get('staleAfterDays')!.hasError('range')).toBeTrue();
    expect(form.get('worldshareCallsPerSecond')!.hasError('range')).toBeTrue();
    const out = configFromForm(form);
    expect(out.config.staleAfterDays).toBe(DEFAULT_INSTITUTION_CONFIG.staleAfterDays);
    expect(out.repaired).toContain('staleAfterDays');
  });

  it('normalizeLenderString keeps the asking order', () => {
    expect(normalizeLenderString('3,1 2')).toBe('3, 1, 2');
    expect(normalizeLenderString('  ')).toBe('');
  });
});

import { FormControl, FormGroup } from '@angular/forms';
import {
  allowedProxyUrl,
  configErrorOf,
  currencyValidator,
  fieldErrors,
  firstError,
  lenderStringValidator,
  numberInRange,
  oclcSymbolValidator,
  registryIdValidator,
  requiredNumber,
  requiredText,
  secureUrl,
  urlPathValidator,
  wskeyValidator,
} from './form-validators';

const c = (value: unknown) => new FormControl(value);

describe('config validators', () => {
  describe('secureUrl', () => {
    it('accepts https anywhere and http only on this computer', () => {
      expect(secureUrl(c('https://128807.share.worldcat.org'))).toBeNull();
      expect(secureUrl(c('http://127.0.0.1:4302'))).toBeNull();
      expect(secureUrl(c('http://localhost:8080/proxy'))).toBeNull();
      expect(secureUrl(c(''))).toBeNull();
    });
    it('refuses plain http elsewhere, other schemes and non-URLs', () => {
      expect(secureUrl(c('http://proxy.example.edu'))).toEqual({ https: {} });
      expect(secureUrl(c('http://127.0.0.2'))).toEqual({ https: {} });
      expect(secureUrl(c('ftp://proxy.example.edu'))).toEqual({ url: {} });
      expect(secureUrl(c('proxy.example.edu'))).toEqual({ url: {} });
      expect(secureUrl(c('javascript:alert(1)'))).toEqual({ url: {} });
    });
  });

  describe('allowedProxyUrl', () => {
    it("accepts what the manifest lists (by default the build's list) and a proxy on this computer", () => {
      expect(allowedProxyUrl()(c('https://api-na.exldevnetwork.net/proxy'))).toBeNull();
      expect(
        allowedProxyUrl(['https://proxy.my-library.example'])(
          c(' https://proxy.my-library.example/base '),
        ),
      ).toBeNull();
      expect(allowedProxyUrl([])(c('http://127.0.0.1:4303'))).toBeNull();
      expect(allowedProxyUrl([])(c(''))).toBeNull();
    });
    it('refuses any other address, listing what is allowed', () => {
      expect(
        allowedProxyUrl(['https://a.example', 'https://b.example'])(
          c('https://proxy.exlibrisgroup.com'),
        ),
      ).toEqual({
        notAllowed: { hosts: 'https://a.example, https://b.example' },
      });
      expect(
        configErrorOf(
          new FormControl('https://evil.example', [allowedProxyUrl(['https://a.example'])]),
        ),
      ).toEqual({
        code: 'notAllowed',
        params: { hosts: 'https://a.example' },
      });
    });
  });

  it('requiredText refuses empty and blank text', () => {
    expect(requiredText(c('  '))).toEqual({ required: {} });
    expect(requiredText(c(null))).toEqual({ required: {} });
    expect(requiredText(c('WSILL'))).toBeNull();
  });

  it('registryIdValidator wants digits, above zero', () => {
    expect(registryIdValidator(c('128807'))).toBeNull();
    expect(registryIdValidator(c(' 128807 '))).toBeNull();
    expect(registryIdValidator(c('12a807'))).toEqual({ registryId: { value: '12a807' } });
    expect(registryIdValidator(c('0'))).toEqual({ registryId: { value: '0' } });
    expect(registryIdValidator(c('-5'))).toEqual({ registryId: { value: '-5' } });
  });

  it('oclcSymbolValidator wants 2 to 8 letters or digits', () => {
    expect(oclcSymbolValidator(c('ZAP'))).toBeNull();
    expect(oclcSymbolValidator(c(''))).toBeNull();
    expect(oclcSymbolValidator(c('Z'))).toEqual({ symbol: { value: 'Z' } });
    expect(oclcSymbolValidator(c('ZA P'))).toEqual({ symbol: { value: 'ZA P' } });
  });

  it('lenderStringValidator lists every token that is not a registry id', () => {
    expect(lenderStringValidator(c('148456, 116402;99 7'))).toBeNull();
    expect(lenderStringValidator(c(''))).toBeNull();
    expect(lenderStringValidator(c('148456, ZAP, 11x6'))).toEqual({
      lenders: { values: 'ZAP, 11x6' },
    });
  });

  it('urlPathValidator wants a path starting with / without spaces or query', () => {
    expect(urlPathValidator(c('/ILL/iso18626'))).toBeNull();
    expect(urlPathValidator(c('ILL/iso18626'))).toEqual({ path: {} });
    expect(urlPathValidator(c('/ILL/iso 18626'))).toEqual({ path: {} });
    expect(urlPathValidator(c('/ILL?x=1'))).toEqual({ path: {} });
  });

  it('numberInRange checks bounds inclusively and whole numbers when asked', () => {
    const days = numberInRange(1, 3650, true);
    expect(days(c(1))).toBeNull();
    expect(days(c(3650))).toBeNull();
    expect(days(c(null))).toBeNull();
    expect(days(c(0))).toEqual({ range: { min: '1', max: '3650' } });
    expect(days(c(3651))).toEqual({ range: { min: '1', max: '3650' } });
    expect(days(c(2.5))).toEqual({ integer: {} });
    expect(numberInRange(0.1, 100, false)(c(0.5))).toBeNull();
    expect(numberInRange(0.1, 100, false)(c(0.05))).toEqual({ range: { min: '0.1', max: '100' } });
    expect(requiredNumber(c(null))).toEqual({ required: {} });
    expect(requiredNumber(c(0))).toBeNull();
  });

  it('currencyValidator requires a currency only with a maximum cost, and three letters', () => {
    const group = new FormGroup({
      maxCost: new FormControl<number | null>(null),
      currency: new FormControl('', { nonNullable: true }),
    });
    const currency = group.controls.currency;
    expect(currencyValidator(currency)).toBeNull();
    group.controls.maxCost.setValue(25);
    expect(currencyValidator(currency)).toEqual({ required: {} });
    currency.setValue('US');
    expect(currencyValidator(currency)).toEqual({ currency: { value: 'US' } });
    currency.setValue('usd');
    expect(currencyValidator(currency)).toBeNull();
  });

  it('wskeyValidator requires the WSKey only with the hosted proxy', () => {
    const group = new FormGroup({ mode: new FormControl('own'), wskey: new FormControl('') });
    expect(wskeyValidator(group.controls.wskey)).toBeNull();
    group.controls.mode.setValue('exlibris');
    expect(wskeyValidator(group.controls.wskey)).toEqual({ required: {} });
    group.controls.wskey.setValue('key');
    expect(wskeyValidator(group.controls.wskey)).toBeNull();
  });

  it('reports the most basic error first, with text parameters', () => {
    expect(firstError({ range: { min: 1, max: 9 }, required: {} })).toEqual({
      code: 'required',
      params: {},
    });
    expect(firstError({ range: { min: 1, max: 9 } })).toEqual({
      code: 'range',
      params: { min: '1', max: '9' },
    });
    expect(firstError({ somethingElse: true })).toBeNull();
    const control = new FormControl('x', [registryIdValidator]);
    expect(configErrorOf(control)).toEqual({ code: 'registryId', params: { value: 'x' } });
    control.disable();
    expect(configErrorOf(control)).toBeNull();
    expect(configErrorOf(null)).toBeNull();
  });

  it('lists the first error of every field by dotted path, leaving out valid and disabled ones', () => {
    const form = new FormGroup({
      proxy: new FormGroup({
        url: new FormControl('', [requiredText]),
        wskey: new FormControl('key', [requiredText]),
      }),
      staleAfterDays: new FormControl<number | null>(0, [numberInRange(1, 3650, true)]),
      timeZone: new FormControl('', [requiredText]),
    });
    form.controls.timeZone.disable();
    expect(fieldErrors(form)).toEqual({
      'proxy.url': { code: 'required', params: {} },
      staleAfterDays: { code: 'range', params: { min: '1', max: '3650' } },
    });
    form.controls.proxy.controls.url.setValue('https://proxy.example.org');
    expect(fieldErrors(form)['proxy.url']).toBeUndefined();
  });
});

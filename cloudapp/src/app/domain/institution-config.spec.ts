import {
  DEFAULT_INSTITUTION_CONFIG,
  effectiveDeliveryAddress,
  isBlankAddress,
  isRegistryId,
  missingForExport,
  missingForIsoMessages,
  repairInstitutionConfig,
  type InstitutionConfig,
} from './institution-config';
import { institutionConfig } from '../../../../fixtures/institution-config';
import { configuredInstitution } from './testing/institution';

const ALL_PATHS = [
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
  'library.billingAddress.attention',
  'library.billingAddress.address1',
  'library.billingAddress.address2',
  'library.billingAddress.locality',
  'library.billingAddress.region',
  'library.billingAddress.postal',
  'library.billingAddress.country',
  'library.deliveryAddress.attention',
  'library.deliveryAddress.address1',
  'library.deliveryAddress.address2',
  'library.deliveryAddress.locality',
  'library.deliveryAddress.region',
  'library.deliveryAddress.postal',
  'library.deliveryAddress.country',
  'timeZone',
];

describe('institution-config', () => {
  describe('DEFAULT_INSTITUTION_CONFIG', () => {
    it('has the documented defaults', () => {
      const d = DEFAULT_INSTITUTION_CONFIG;
      expect(d.version).toBe(1);
      expect(d.proxy.mode).toBe('own');
      expect(d.worldshare.illBaseUrl).toBe('');
      expect(d.worldshare.isoPath).toBe('/ILL/iso18626');
      expect(d.worldshare.oauthScopes).toBe('WorldShareILL');
      expect(d.defaults.neededByDays).toBe(30);
      expect(d.defaults.currency).toBe('USD');
      expect(d.defaults.maxCost).toBeNull();
      expect(d.almaPartnerCode).toBe('WSILL');
      expect(d.staleAfterDays).toBe(30);
      expect(d.worldshareCallsPerSecond).toBe(5);
      // The lender due-date call is one Ex Libris does not document: off until tried.
      expect(d.writeLenderDueDate).toBeFalse();
      expect(d.removeRequestOnCancel).toBeTrue();
      expect(d.library.billingAddress.address1).toBe('');
      expect(d.library.deliveryAddress.address1).toBe('');
    });

    it('cannot be changed by accident', () => {
      expect(Object.isFrozen(DEFAULT_INSTITUTION_CONFIG)).toBeTrue();
      expect(Object.isFrozen(DEFAULT_INSTITUTION_CONFIG.proxy)).toBeTrue();
      try {
        (DEFAULT_INSTITUTION_CONFIG.proxy as { url: string }).url = 'x';
      } catch {
        // strict-mode code throws; either way the value must not change
      }
      expect(DEFAULT_INSTITUTION_CONFIG.proxy.url).toBe('');
    });
  });

  describe('repairInstitutionConfig', () => {
    it('leaves a complete, valid configuration alone and reports nothing', () => {
      const stored = configuredInstitution();
      const { config, repaired } = repairInstitutionConfig(JSON.parse(JSON.stringify(stored)));
      expect(config).toEqual(stored);
      expect(repaired).toEqual([]);
    });

    it('takes the shared test institution, as the stack and the simulator serve it, unrepaired', () => {
      const shared = institutionConfig();
      const { config, repaired } = repairInstitutionConfig(structuredClone(shared));
      expect(repaired).toEqual([]);
      // The fixture is typed as JSON reads it (codes as plain strings), so compare as values.
      expect<unknown>(config).toEqual(shared);
    });

    it('fills {} with the defaults and lists every path', () => {
      const { config, repaired } = repairInstitutionConfig({});
      expect(config).toEqual(DEFAULT_INSTITUTION_CONFIG);
      expect(repaired).toEqual(ALL_PATHS);
    });

    it('treats null, undefined, text, numbers and arrays as nothing stored', () => {
      for (const raw of [
        null,
        undefined,
        'config',
        '{"version":1}',
        42,
        true,
        [],
        [configuredInstitution()],
      ]) {
        const { config, repaired } = repairInstitutionConfig(raw);
        expect(config)
          .withContext(JSON.stringify(raw) ?? 'undefined')
          .toEqual(DEFAULT_INSTITUTION_CONFIG);
        expect(repaired).toEqual(ALL_PATHS);
      }
    });

    it('keeps what is right and fills missing keys, listing only those', () => {
      const { config, repaired } = repairInstitutionConfig({
        version: 1,
        almaPartnerCode: 'OCLC_WS',
        worldshare: { registryId: '128807' },
      });
      expect(config.almaPartnerCode).toBe('OCLC_WS');
      expect(config.worldshare.registryId).toBe('128807');
      expect(config.worldshare.isoPath).toBe('/ILL/iso18626');
      expect(config.proxy).toEqual(DEFAULT_INSTITUTION_CONFIG.proxy);
      expect(repaired).toContain('worldshare.symbol');
      expect(repaired).toContain('proxy.url');
      expect(repaired).not.toContain('almaPartnerCode');
      expect(repaired).not.toContain('worldshare.registryId');
      expect(repaired).not.toContain('version');
    });

    it('drops the retired service level of an older save without calling the save damaged', () => {
      const stored = configuredInstitution();
      const older = { ...stored, defaults: { ...stored.defaults, serviceLevel: 'STANDARD' } };
      const { config, repaired } = repairInstitutionConfig(older);
      expect(repaired).toEqual([]);
      expect('serviceLevel' in config.defaults).toBeFalse();
      expect(config).toEqual(stored);
    });

    it('drops unknown keys at any depth and lists them', () => {
      const stored = {
        ...configuredInstitution(),
        legacyFlag: true,
        proxy: { ...configuredInstitution().proxy, password: 'x' },
      };
      const { config, repaired } = repairInstitutionConfig(stored);
      expect(repaired).toEqual(['proxy.password', 'legacyFlag']);
      expect('legacyFlag' in config).toBeFalse();
      expect('password' in config.proxy).toBeFalse();
    });

    it('repairs a missing or unknown time zone to the browser zone, and keeps a valid one', () => {
      const missing = { ...configuredInstitution() } as Record<string, unknown>;
      delete missing['timeZone'];
      const fixed = repairInstitutionConfig(missing);
      expect(fixed.config.timeZone).toBe(DEFAULT_INSTITUTION_CONFIG.timeZone);
      expect(fixed.repaired).toEqual(['timeZone']);
      const unknown = repairInstitutionConfig({
        ...configuredInstitution(),
        timeZone: 'Mars/Base',
      });
      expect(unknown.config.timeZone).toBe(DEFAULT_INSTITUTION_CONFIG.timeZone);
      expect(unknown.repaired).toEqual(['timeZone']);
      const berlin = repairInstitutionConfig({
        ...configuredInstitution(),
        timeZone: ' Europe/Berlin ',
      });
      expect(berlin.config.timeZone).toBe('Europe/Berlin');
    });

    it('resets wrong types and out-of-range values to defaults', () => {
      const stored = {
        ...configuredInstitution(),
        version: 2,
        proxy: 'https://proxy.example.org',
        writeLenderDueDate: 'yes',
        staleAfterDays: 'many',
        worldshareCallsPerSecond: 0,
        defaults: { maxCost: -1, currency: null, lenderString: ['1'], neededByDays: 2.5 },
      };
      const { config, repaired } = repairInstitutionConfig(stored);
      expect(config.version).toBe(1);
      expect(config.proxy).toEqual(DEFAULT_INSTITUTION_CONFIG.proxy);
      expect(config.writeLenderDueDate).toBeFalse();
      expect(config.staleAfterDays).toBe(30);
      expect(config.worldshareCallsPerSecond).toBe(5);
      expect(config.defaults).toEqual(DEFAULT_INSTITUTION_CONFIG.defaults);
      expect(repaired).toEqual([
        'version',
        'proxy.mode',
        'proxy.url',
        'proxy.wskey',
        'proxy.secret',
        'defaults.maxCost',
        'defaults.currency',
        'defaults.lenderString',
        'defaults.neededByDays',
        'writeLenderDueDate',
        'staleAfterDays',
        'worldshareCallsPerSecond',
      ]);
    });

    it('refuses an unknown proxy mode but keeps a known one', () => {
      expect(
        repairInstitutionConfig({
          ...configuredInstitution(),
          proxy: { mode: 'direct', url: 'u', wskey: '' },
        }).config.proxy.mode,
      ).toBe('own');
      expect(
        repairInstitutionConfig({
          ...configuredInstitution(),
          proxy: { mode: 'exlibris', url: 'u', wskey: 'k' },
        }).config.proxy.mode,
      ).toBe('exlibris');
    });

    it('accepts numbers typed as text, and null as "no maximum cost", reporting the type change', () => {
      const stored = {
        ...configuredInstitution(),
        staleAfterDays: '14',
        defaults: { ...configuredInstitution().defaults, maxCost: '12.50' },
      };
      const { config, repaired } = repairInstitutionConfig(stored);
      expect(config.staleAfterDays).toBe(14);
      expect(config.defaults.maxCost).toBe(12.5);
      expect(repaired).toEqual(['defaults.maxCost', 'staleAfterDays']);
      const withNull = repairInstitutionConfig({
        ...configuredInstitution(),
        defaults: { ...configuredInstitution().defaults, maxCost: null },
      });
      expect(withNull.config.defaults.maxCost).toBeNull();
      expect(withNull.repaired).toEqual([]);
    });

    it('trims spaces around codes and URLs', () => {
      const stored = {
        ...configuredInstitution(),
        almaPartnerCode: ' WSILL ',
        proxy: { mode: 'own', url: ' https://p.example.org/ ', wskey: '', secret: '' },
      };
      const { config, repaired } = repairInstitutionConfig(stored);
      expect(config.almaPartnerCode).toBe('WSILL');
      expect(config.proxy.url).toBe('https://p.example.org/');
      expect(repaired).toEqual(['proxy.url', 'almaPartnerCode']);
    });

    it('survives an older, flat shape: unknown keys dropped, defaults filled, nothing thrown', () => {
      const old = {
        proxyUrl: 'https://proxy.example.org',
        registryId: '128807',
        partnerCode: 'WSILL',
        wskey: 'abc',
      };
      const { config, repaired } = repairInstitutionConfig(old);
      expect(config).toEqual(DEFAULT_INSTITUTION_CONFIG);
      expect(repaired).toEqual([...ALL_PATHS, 'proxyUrl', 'registryId', 'partnerCode', 'wskey']);
    });

    it('returns fresh objects and does not change its input', () => {
      const stored = configuredInstitution();
      const snapshot = JSON.stringify(stored);
      const { config } = repairInstitutionConfig(stored);
      config.proxy.url = 'changed';
      expect(JSON.stringify(stored)).toBe(snapshot);
      const fromEmpty = repairInstitutionConfig({}).config;
      fromEmpty.worldshare.symbol = 'ZZZ';
      expect(DEFAULT_INSTITUTION_CONFIG.worldshare.symbol).toBe('');
      expect(Object.isFrozen(fromEmpty.worldshare)).toBeFalse();
    });
  });

  describe('missingForExport', () => {
    it('lists what a fresh institution must set, in order', () => {
      expect(missingForExport(DEFAULT_INSTITUTION_CONFIG)).toEqual([
        'proxy.url',
        'worldshare.registryId',
        'worldshare.illBaseUrl',
        'library.billingAddress',
      ]);
    });

    it('is empty for a configured institution', () => {
      expect(missingForExport(configuredInstitution())).toEqual([]);
    });

    it('asks for the WSKey and its secret only with the hosted Ex Libris proxy', () => {
      const hosted = configuredInstitution({
        proxy: { mode: 'exlibris', url: 'https://proxy.exlibris.example', wskey: '', secret: '' },
      });
      expect(missingForExport(hosted)).toEqual(['proxy.wskey', 'proxy.secret']);
      expect(missingForExport({ ...hosted, proxy: { ...hosted.proxy, wskey: 'key' } })).toEqual([
        'proxy.secret',
      ]);
      expect(
        missingForExport({ ...hosted, proxy: { ...hosted.proxy, wskey: 'key', secret: 'shh' } }),
      ).toEqual([]);
      expect(missingForExport(configuredInstitution())).toEqual([]);
    });

    it('wants digits in the registry id, a partner code, and a currency with a maximum cost', () => {
      const c = configuredInstitution();
      const bad: InstitutionConfig = {
        ...c,
        worldshare: { ...c.worldshare, registryId: 'ZZA' },
        almaPartnerCode: ' ',
        defaults: { ...c.defaults, currency: '', maxCost: 10 },
      };
      expect(missingForExport(bad)).toEqual([
        'worldshare.registryId',
        'almaPartnerCode',
        'defaults.currency',
      ]);
      expect(
        missingForExport({
          ...bad,
          worldshare: c.worldshare,
          almaPartnerCode: 'WSILL',
          defaults: { ...bad.defaults, maxCost: null },
        }),
      ).toEqual([]);
    });
  });

  describe('the library addresses', () => {
    it('an older stored configuration without them is repaired, listing each line, and keeps everything else', () => {
      const {
        library: _unused,
        removeRequestOnCancel: _alsoNew,
        ...older
      } = configuredInstitution({ writeLenderDueDate: true });
      const { config, repaired } = repairInstitutionConfig(JSON.parse(JSON.stringify(older)));
      expect(config.library).toEqual(DEFAULT_INSTITUTION_CONFIG.library);
      expect(config.removeRequestOnCancel).toBeTrue();
      expect(config.writeLenderDueDate).withContext('a stored choice is kept').toBeTrue();
      expect(config.worldshare.registryId).toBe('128807');
      expect(repaired).toEqual([
        'removeRequestOnCancel',
        'library.billingAddress.attention',
        'library.billingAddress.address1',
        'library.billingAddress.address2',
        'library.billingAddress.locality',
        'library.billingAddress.region',
        'library.billingAddress.postal',
        'library.billingAddress.country',
        'library.deliveryAddress.attention',
        'library.deliveryAddress.address1',
        'library.deliveryAddress.address2',
        'library.deliveryAddress.locality',
        'library.deliveryAddress.region',
        'library.deliveryAddress.postal',
        'library.deliveryAddress.country',
      ]);
    });

    it('trims each line and resets a line of the wrong type', () => {
      const c = configuredInstitution();
      const stored = {
        ...c,
        library: {
          ...c.library,
          billingAddress: {
            ...c.library.billingAddress,
            address1: ' 1 Library Plaza ',
            postal: 43017,
          },
        },
      };
      const { config, repaired } = repairInstitutionConfig(stored);
      expect(config.library.billingAddress.address1).toBe('1 Library Plaza');
      expect(config.library.billingAddress.postal).toBe('');
      expect(repaired).toEqual([
        'library.billingAddress.address1',
        'library.billingAddress.postal',
      ]);
    });

    it('export needs the billing address line 1; the delivery address falls back to the billing one', () => {
      const c = configuredInstitution();
      expect(
        missingForExport({
          ...c,
          library: {
            ...c.library,
            billingAddress: { ...c.library.billingAddress, address1: '  ' },
          },
        }),
      ).toEqual(['library.billingAddress']);
      expect(effectiveDeliveryAddress(c)).toEqual(c.library.billingAddress);
      const dock = { ...c.library.billingAddress, address1: 'Dock B' };
      expect(
        effectiveDeliveryAddress({ ...c, library: { ...c.library, deliveryAddress: dock } }),
      ).toEqual(dock);
      expect(isBlankAddress(c.library.deliveryAddress)).toBeTrue();
      expect(isBlankAddress(c.library.billingAddress)).toBeFalse();
    });
  });

  describe('missingForIsoMessages', () => {
    it('needs the proxy, the OCLC symbol, the ILL base URL and the ISO path', () => {
      expect(missingForIsoMessages(DEFAULT_INSTITUTION_CONFIG)).toEqual([
        'proxy.url',
        'worldshare.symbol',
        'worldshare.illBaseUrl',
      ]);
      expect(missingForIsoMessages(configuredInstitution())).toEqual([]);
      const c = configuredInstitution();
      expect(missingForIsoMessages({ ...c, worldshare: { ...c.worldshare, isoPath: '' } })).toEqual(
        ['worldshare.isoPath'],
      );
    });
  });

  describe('isRegistryId', () => {
    it('accepts positive whole numbers only', () => {
      expect(isRegistryId('128807')).toBeTrue();
      expect(isRegistryId('0')).toBeFalse();
      expect(isRegistryId('')).toBeFalse();
      expect(isRegistryId('12a')).toBeFalse();
      expect(isRegistryId('-5')).toBeFalse();
      expect(isRegistryId('99999999999999999999')).toBeFalse();
    });
  });
});

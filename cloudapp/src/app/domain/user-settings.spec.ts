import { DEFAULT_USER_SETTINGS, repairUserSettings, type UserSettings } from './user-settings';

const ALL_PATHS = ['version', 'confirmActions', 'autoApplyRenewals', 'bulkPageSize'];

describe('user-settings', () => {
  it('defaults to confirming, not auto-applying, 50 a page', () => {
    expect(DEFAULT_USER_SETTINGS).toEqual({
      version: 1,
      confirmActions: true,
      autoApplyRenewals: false,
      bulkPageSize: 50,
    });
    expect(Object.isFrozen(DEFAULT_USER_SETTINGS)).toBeTrue();
  });

  it('keeps valid settings and reports nothing', () => {
    const stored: UserSettings = {
      version: 1,
      confirmActions: false,
      autoApplyRenewals: true,
      bulkPageSize: 100,
    };
    expect(repairUserSettings(stored)).toEqual({ config: stored, repaired: [] });
  });

  it('fills {} , null, text and arrays with defaults and lists every path', () => {
    for (const raw of [{}, null, undefined, 'settings', 7, []]) {
      const { config, repaired } = repairUserSettings(raw);
      expect(config).withContext(String(raw)).toEqual(DEFAULT_USER_SETTINGS);
      expect(repaired).toEqual(ALL_PATHS);
    }
  });

  it('fills only what is missing', () => {
    const { config, repaired } = repairUserSettings({ version: 1, confirmActions: false });
    expect(config).toEqual({
      version: 1,
      confirmActions: false,
      autoApplyRenewals: false,
      bulkPageSize: 50,
    });
    expect(repaired).toEqual(['autoApplyRenewals', 'bulkPageSize']);
  });

  it('resets wrong types and out-of-range page sizes, accepting numeric text', () => {
    expect(
      repairUserSettings({
        version: 1,
        confirmActions: 'no',
        autoApplyRenewals: 1,
        bulkPageSize: 0,
      }),
    ).toEqual({
      config: DEFAULT_USER_SETTINGS,
      repaired: ['confirmActions', 'autoApplyRenewals', 'bulkPageSize'],
    });
    expect(
      repairUserSettings({ ...DEFAULT_USER_SETTINGS, bulkPageSize: 101 }).config.bulkPageSize,
    ).toBe(50);
    expect(
      repairUserSettings({ ...DEFAULT_USER_SETTINGS, bulkPageSize: 20.5 }).config.bulkPageSize,
    ).toBe(50);
    expect(repairUserSettings({ ...DEFAULT_USER_SETTINGS, bulkPageSize: '25' })).toEqual({
      config: { ...DEFAULT_USER_SETTINGS, bulkPageSize: 25 },
      repaired: ['bulkPageSize'],
    });
  });

  it('drops unknown keys from an older shape, such as a stored language', () => {
    const { config, repaired } = repairUserSettings({
      confirmActions: false,
      language: 'de',
      pageSize: 20,
    });
    expect(config).toEqual({ ...DEFAULT_USER_SETTINGS, confirmActions: false });
    expect(repaired).toEqual([
      'version',
      'autoApplyRenewals',
      'bulkPageSize',
      'language',
      'pageSize',
    ]);
  });

  it('returns a fresh object', () => {
    const { config } = repairUserSettings(null);
    config.bulkPageSize = 10;
    expect(DEFAULT_USER_SETTINGS.bulkPageSize).toBe(50);
  });
});

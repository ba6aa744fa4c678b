/**
 * A fully configured institution for specs and contract tests (fictional ids and hosts).
 */
import { DEFAULT_INSTITUTION_CONFIG, type InstitutionConfig } from '../institution-config';

/** The institution's calendar date the specs treat as today. */
export const TODAY = '2026-11-30';

/** A complete configuration: export and ISO 18626 messages both allowed. */
export function configuredInstitution(
  overrides: Partial<InstitutionConfig> = {},
): InstitutionConfig {
  const base = JSON.parse(JSON.stringify(DEFAULT_INSTITUTION_CONFIG)) as InstitutionConfig;
  return {
    ...base,
    proxy: { mode: 'own', url: 'https://proxy.example.org', wskey: '', secret: '' },
    worldshare: {
      ...base.worldshare,
      registryId: '128807',
      symbol: 'ZZA',
      illBaseUrl: 'https://128807.share.worldcat.org',
    },
    defaults: { ...base.defaults, lenderString: '148456, 116402', maxCost: 25 },
    cancelReasonCode: 'WS_CLOSED',
    library: {
      billingAddress: {
        attention: 'ILL Accounts',
        address1: '1 Library Plaza',
        address2: '',
        locality: 'Dublin',
        region: 'OH',
        postal: '43017',
        country: 'US',
      },
      deliveryAddress: {
        attention: '',
        address1: '',
        address2: '',
        locality: '',
        region: '',
        postal: '',
        country: '',
      },
    },
    ...overrides,
  };
}

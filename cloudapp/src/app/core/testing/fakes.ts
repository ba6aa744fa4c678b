import { CloudAppEventsService, CloudAppStoreService } from '@exlibris/exl-cloudapp-angular-lib';
import { Observable, of } from 'rxjs';
import { repairInstitutionConfig, InstitutionConfig } from '../../domain/institution-config';
import type { BorrowingRequest } from '../../domain/alma-request';
import { RequestMemoryService } from '../request-memory.service';

/** A CloudAppStoreService double over a Map (the host keeps the real one). */
export class MemoryStore {
  readonly data = new Map<string, unknown>();
  get(key: string): Observable<unknown> {
    return of(structuredClone(this.data.get(key)));
  }
  set(key: string, value: unknown): Observable<unknown> {
    this.data.set(key, structuredClone(value));
    return of({});
  }
  remove(key: string): Observable<unknown> {
    this.data.delete(key);
    return of({});
  }
}

/** A RequestMemoryService over a MemoryStore, with a fixed staff user. */
export function memoryService(store = new MemoryStore()): RequestMemoryService {
  const events = {
    getInitData: () => of({ user: { primaryId: 'staff-1' } }),
  } as unknown as CloudAppEventsService;
  return new RequestMemoryService(store as unknown as CloudAppStoreService, events);
}

/** A configuration complete enough for every action. */
export function testConfig(overrides: Record<string, unknown> = {}): InstitutionConfig {
  return repairInstitutionConfig({
    proxy: { mode: 'own', url: 'https://proxy.example.org', wskey: '' },
    worldshare: {
      registryId: '128807',
      symbol: 'SIM',
      illBaseUrl: 'https://128807.share.worldcat.org',
      isoPath: '/ILL/iso18626',
      oauthScopes: 'WorldShareILL',
    },
    almaPartnerCode: 'WSILL',
    cancelReasonCode: 'ILL_CLOSED_IN_WORLDSHARE',
    library: {
      billingAddress: {
        attention: 'ILL Accounts',
        address1: '100 Library Way',
        address2: '',
        locality: 'Springfield',
        region: 'OH',
        postal: '45501',
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
  }).config;
}

/** An Alma borrowing request exported to the WorldShare partner, received as temporary item TEMP-1. */
export function exportedRequest(overrides: Partial<BorrowingRequest> = {}): BorrowingRequest {
  return {
    request_id: '1987654320059',
    external_id: '187654321',
    partner: { value: 'WSILL', desc: 'WorldShareILL' },
    status: { value: 'REQUEST_SENT', desc: 'Request sent to partner' },
    citation_type: { value: 'BK' },
    format: { value: 'PHYSICAL' },
    title: 'Atlas of Medieval Trade Routes',
    barcode: 'TEMP-1',
    ...overrides,
  } as BorrowingRequest;
}

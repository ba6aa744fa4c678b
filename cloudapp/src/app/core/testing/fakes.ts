import { CloudAppEventsService, CloudAppStoreService } from '@exlibris/exl-cloudapp-angular-lib';
import { Observable, of } from 'rxjs';
import type { InstitutionConfig } from '../../domain/institution-config';
import { configuredInstitution } from '../../domain/testing/institution';
import type { ConfigOverrides } from '../../../../../fixtures/institution-config';
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

/** A configuration complete enough for every action: the shared test institution. */
export function testConfig(overrides: ConfigOverrides<InstitutionConfig> = {}): InstitutionConfig {
  return configuredInstitution(overrides);
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

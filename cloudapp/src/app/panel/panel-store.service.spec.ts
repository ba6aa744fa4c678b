import { CloudAppEventsService, Entity, EntityType } from '@exlibris/exl-cloudapp-angular-lib';
import { BehaviorSubject, of } from 'rxjs';
import { AlmaService } from '../core/alma.service';
import type { BorrowingRequest } from '../domain/alma-request';
import { PanelStore } from './panel-store.service';

const entity = (id: string): Entity => ({
  id,
  type: EntityType.BORROWING_REQUEST,
  link: `/users/P1/resource-sharing-requests/${id}`,
  description: id,
});
const request = (id: string, extra: Partial<BorrowingRequest> = {}): BorrowingRequest =>
  ({ request_id: id, title: 'T', external_id: null, ...extra }) as BorrowingRequest;

describe('PanelStore', () => {
  let entities$: BehaviorSubject<Entity[]>;
  let alma: jasmine.SpyObj<AlmaService>;
  let store: PanelStore;

  beforeEach(() => {
    entities$ = new BehaviorSubject<Entity[]>([]);
    alma = jasmine.createSpyObj<AlmaService>('AlmaService', ['getByLink']);
    alma.getByLink.and.callFake((link: string) => of(request(link.split('/').pop()!)));
    store = new PanelStore(
      { entities$, getInitData: () => of({}) } as unknown as CloudAppEventsService,
      alma,
    );
  });
  afterEach(() => store.ngOnDestroy());

  it('shows the record an action got back from Alma without reading it again', () => {
    entities$.next([entity('1')]);
    expect(alma.getByLink).toHaveBeenCalledTimes(1);
    store.replace(request('1', { external_id: '555' }));
    expect(store.items()[0].state).toEqual({
      kind: 'loaded',
      request: jasmine.objectContaining({ request_id: '1', external_id: '555' }),
    });
    expect(alma.getByLink).toHaveBeenCalledTimes(1);
  });

  it('ignores a record of a request no longer on the page', () => {
    entities$.next([entity('1')]);
    store.replace(request('2', { external_id: '555' }));
    expect(store.items().map((i) => i.requestId)).toEqual(['1']);
    expect(store.items()[0].state).toEqual({
      kind: 'loaded',
      request: jasmine.objectContaining({ external_id: null }),
    });
  });
});

import { AlmaBorrowingRequest } from './alma-request';
import { repairInstitutionConfig } from './institution-config';
import { ReconcileGroup, ReconcileReason, reconcileVerdict } from './reconcile';

describe('reconcileVerdict', () => {
  const config = repairInstitutionConfig({ almaPartnerCode: 'WSILL' }).config;
  const exported = (status = 'REQUEST_SENT'): AlmaBorrowingRequest =>
    ({
      request_id: '1',
      external_id: '555',
      partner: { value: 'WSILL', desc: 'WorldShareILL' },
      status: { value: status },
    }) as AlmaBorrowingRequest;
  const ws = (requestStatus: string) => ({ requestId: '555', requestStatus });

  const table: [
    string,
    AlmaBorrowingRequest,
    ReturnType<typeof ws> | null,
    { approved: boolean } | null,
    ReconcileGroup,
    ReconcileReason,
  ][] = [
    ['closed in WorldShare', exported(), ws('CLOSED'), null, 'closed', 'worldshare-closed'],
    ['cancelled in WorldShare', exported(), ws('CANCELLED'), null, 'closed', 'worldshare-closed'],
    ['unfilled', exported(), ws('Unfilled'), null, 'closed', 'worldshare-closed'],
    [
      'returned',
      exported('RECEIVED_PHYSICALLY'),
      ws('RETURNED'),
      null,
      'closed',
      'worldshare-closed',
    ],
    ['pending, Alma sent', exported(), ws('PENDING'), null, 'active', 'worldshare-open'],
    [
      'loaned, Alma received',
      exported('RECEIVED_PHYSICALLY'),
      ws('LOANED'),
      null,
      'active',
      'worldshare-open',
    ],
    [
      'shipped while Alma still only sent',
      exported(),
      ws('SHIPPED'),
      null,
      'drift',
      'worldshare-ahead-of-alma',
    ],
    [
      'received while Alma still only sent',
      exported(),
      ws('RECEIVED'),
      null,
      'drift',
      'worldshare-ahead-of-alma',
    ],
    ['unknown status', exported(), ws('ON_THE_MOON'), null, 'drift', 'worldshare-unknown-status'],
    ['empty status', exported(), ws(''), null, 'drift', 'worldshare-unknown-status'],
    ['no WorldShare request for the id', exported(), null, null, 'drift', 'worldshare-missing'],
    [
      'approved renewal waiting',
      exported('RECEIVED_PHYSICALLY'),
      ws('LOANED'),
      { approved: true },
      'renewal-answered',
      'renewal-approved',
    ],
    [
      'denied renewal waiting',
      exported('RECEIVED_PHYSICALLY'),
      ws('LOANED'),
      { approved: false },
      'renewal-answered',
      'renewal-denied',
    ],
    [
      'not exported',
      { request_id: '2', status: { value: 'READY_TO_SEND' } } as AlmaBorrowingRequest,
      null,
      null,
      'not-exported',
      'not-exported',
    ],
    [
      'another partner',
      { ...exported(), partner: { value: 'OTHER' } } as AlmaBorrowingRequest,
      ws('CLOSED'),
      null,
      'not-exported',
      'not-exported',
    ],
    [
      'cancelled in Alma already',
      exported('REQUEST_CANCELED'),
      ws('CLOSED'),
      null,
      'not-exported',
      'alma-closed',
    ],
  ];

  for (const [name, request, view, renewal, group, reason] of table) {
    it(`${name} -> ${group} (${reason})`, () => {
      expect(
        reconcileVerdict({ request, config, worldshare: view, renewalAnswer: renewal }),
      ).toEqual({ group, reason });
    });
  }

  it('never puts an unclear case in the closed group', () => {
    for (const status of ['', 'X', 'closing', 'PENDING_CLOSED?', 'cancel requested']) {
      expect(
        reconcileVerdict({
          request: exported(),
          config,
          worldshare: ws(status),
          renewalAnswer: null,
        }).group,
      ).not.toBe('closed');
    }
  });
});

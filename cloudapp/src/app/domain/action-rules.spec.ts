import {
  availableActions,
  cleanCancelMayComplete,
  type ActionAvailability,
  type ActionContext,
  type ActionName,
} from './action-rules';
import type { AlmaBorrowingRequest, AlmaLoan } from './alma-request';
import { DEFAULT_INSTITUTION_CONFIG } from './institution-config';
import { caseById } from './testing/cases';
import { configuredInstitution } from './testing/institution';
import type { WorldShareRequestView } from './worldshare-request';

/**
 * Expected availability, written compactly: 'ok' = offered; '+reason' = offered with a caveat
 * (the click explains instead of acting); any other text = not offered, for that reason.
 */
type Expect = string;
type ByWorldShare = { open: Expect; closed: Expect; unknown: Expect; missing: Expect };
type Row = Record<ActionName, Expect | ByWorldShare>;

/** WorldShare statuses the simulator can produce, each with the group it must fall in (written out, not computed). */
const WORLDSHARE_STATUSES: Array<[string | null, keyof ByWorldShare]> = [
  ['PENDING', 'open'],
  ['SHIPPED', 'open'],
  ['LOANED', 'open'],
  ['RECEIVED', 'open'],
  ['RETURNED', 'closed'],
  ['CLOSED', 'closed'],
  ['CANCELLED', 'closed'],
  ['UNFILLED', 'closed'],
  ['EXPIRED', 'closed'],
  ['STRANGE_NEW_STATE', 'unknown'],
  [null, 'missing'],
];

const LOAN: AlmaLoan = { loan_id: 'L1', item_barcode: 'TEMP-1', due_date: '2027-04-01T23:59:00Z' };

function almaRequest(status: string, exported: boolean): AlmaBorrowingRequest {
  return {
    ...caseById('01').alma_request,
    status: { value: status },
    partner: exported ? { value: 'WSILL', desc: 'WorldShareILL' } : null,
    external_id: exported ? '187654321' : null,
    barcode: exported ? 'TEMP-1' : null,
  };
}

/** Alma status (and what goes with it) -> expected availability of each action per WorldShare group. */
const TABLE: Array<{
  name: string;
  request: AlmaBorrowingRequest;
  loan: AlmaLoan | null;
  expect: Row;
}> = [
  {
    name: 'READY_TO_SEND, not exported',
    request: almaRequest('READY_TO_SEND', false),
    loan: null,
    expect: {
      export: 'ok',
      renew: 'not-exported',
      applyRenewal: 'not-exported',
      cleanCancel: 'not-exported',
      cancelAtLender: 'not-exported',
    },
  },
  {
    name: 'LOCATE_FAILED, not exported',
    request: almaRequest('LOCATE_FAILED', false),
    loan: null,
    expect: {
      export: 'ok',
      renew: 'not-exported',
      applyRenewal: 'not-exported',
      cleanCancel: 'not-exported',
      cancelAtLender: 'not-exported',
    },
  },
  {
    name: 'REQUEST_SENT, exported, not received',
    request: almaRequest('REQUEST_SENT', true),
    loan: null,
    expect: {
      export: 'already-exported',
      renew: {
        open: 'no-loan',
        closed: 'worldshare-closed',
        unknown: 'no-loan',
        missing: 'worldshare-not-found',
      },
      applyRenewal: 'no-approved-renewal',
      cleanCancel: {
        open: '+worldshare-open',
        closed: 'ok',
        unknown: '+worldshare-unknown-status',
        missing: '+worldshare-not-found',
      },
      cancelAtLender: {
        open: 'ok',
        closed: 'worldshare-closed',
        unknown: '+worldshare-unknown-status',
        missing: 'worldshare-not-found',
      },
    },
  },
  {
    name: 'RECEIVED_PHYSICALLY, exported, loaned to the patron',
    request: almaRequest('RECEIVED_PHYSICALLY', true),
    loan: LOAN,
    expect: {
      export: 'already-exported',
      renew: {
        open: 'ok',
        closed: 'worldshare-closed',
        unknown: 'ok',
        missing: 'worldshare-not-found',
      },
      applyRenewal: 'no-approved-renewal',
      cleanCancel: 'loan-active',
      cancelAtLender: 'loan-active',
    },
  },
  {
    name: 'RENEWED_BY_PARTNER, exported, loaned to the patron',
    request: almaRequest('RENEWED_BY_PARTNER', true),
    loan: LOAN,
    expect: {
      export: 'already-exported',
      renew: {
        open: 'ok',
        closed: 'worldshare-closed',
        unknown: 'ok',
        missing: 'worldshare-not-found',
      },
      applyRenewal: 'no-approved-renewal',
      cleanCancel: 'loan-active',
      cancelAtLender: 'loan-active',
    },
  },
  {
    name: 'REQUEST_CANCELED, exported',
    request: almaRequest('REQUEST_CANCELED', true),
    loan: null,
    expect: {
      export: 'already-exported',
      renew: 'alma-closed',
      applyRenewal: 'alma-closed',
      cleanCancel: 'alma-closed',
      cancelAtLender: 'alma-closed',
    },
  },
  {
    name: 'REQUEST_CANCELED, never exported (case 09)',
    request: caseById('09').alma_request,
    loan: null,
    expect: {
      export: 'status-not-exportable',
      renew: 'alma-closed',
      applyRenewal: 'alma-closed',
      cleanCancel: 'alma-closed',
      cancelAtLender: 'alma-closed',
    },
  },
  {
    name: 'an unknown Alma status, exported',
    request: almaRequest('SOME_NEW_STEP', true),
    loan: null,
    expect: {
      export: 'already-exported',
      renew: {
        open: 'no-loan',
        closed: 'worldshare-closed',
        unknown: 'no-loan',
        missing: 'worldshare-not-found',
      },
      applyRenewal: 'no-approved-renewal',
      cleanCancel: {
        open: '+worldshare-open',
        closed: 'ok',
        unknown: '+worldshare-unknown-status',
        missing: '+worldshare-not-found',
      },
      cancelAtLender: {
        open: 'ok',
        closed: 'worldshare-closed',
        unknown: '+worldshare-unknown-status',
        missing: 'worldshare-not-found',
      },
    },
  },
  {
    name: 'an unknown Alma status, not exported',
    request: almaRequest('SOME_NEW_STEP', false),
    loan: null,
    expect: {
      export: 'status-not-exportable',
      renew: 'not-exported',
      applyRenewal: 'not-exported',
      cleanCancel: 'not-exported',
      cancelAtLender: 'not-exported',
    },
  },
];

function toAvailability(e: Expect): ActionAvailability {
  if (e === 'ok') return { offered: true };
  if (e.startsWith('+'))
    return { offered: true, reason: e.slice(1) as ActionAvailability['reason'] };
  return { offered: false, reason: e as ActionAvailability['reason'] };
}

function view(requestStatus: string): WorldShareRequestView {
  return { requestId: '187654321', requestStatus };
}

function context(overrides: Partial<ActionContext> = {}): ActionContext {
  return {
    request: almaRequest('REQUEST_SENT', true),
    config: configuredInstitution(),
    worldshare: view('LOANED'),
    loan: LOAN,
    pendingRenewal: null,
    approvedRenewal: null,
    ...overrides,
  };
}

describe('action-rules', () => {
  describe('every Alma status x WorldShare status pair', () => {
    for (const row of TABLE) {
      for (const [status, group] of WORLDSHARE_STATUSES) {
        it(`${row.name} / WorldShare ${status ?? 'not found'}`, () => {
          const actions = availableActions({
            request: row.request,
            config: configuredInstitution(),
            worldshare: status === null ? null : view(status),
            loan: row.loan,
            pendingRenewal: null,
            approvedRenewal: null,
          });
          for (const name of Object.keys(row.expect) as ActionName[]) {
            const cell = row.expect[name];
            const expected = typeof cell === 'string' ? cell : cell[group];
            expect(actions[name]).withContext(name).toEqual(toAvailability(expected));
          }
        });
      }
    }
  });

  describe('renew', () => {
    it('is offered on an exported, loaned request with a live WorldShare request', () => {
      expect(availableActions(context()).renew).toEqual({ offered: true });
    });

    it('waits for WorldShare and the loan to be read', () => {
      expect(availableActions(context({ worldshare: undefined })).renew).toEqual({
        offered: false,
        reason: 'worldshare-not-read',
      });
      expect(availableActions(context({ loan: undefined })).renew).toEqual({
        offered: false,
        reason: 'loan-not-read',
      });
    });

    it('is not offered while a renewal waits for an answer, or an approved one waits to be applied', () => {
      expect(
        availableActions(context({ pendingRenewal: { askedAt: '2026-11-29T10:00:00Z' } })).renew,
      ).toEqual({
        offered: false,
        reason: 'renewal-pending',
      });
      expect(
        availableActions(context({ approvedRenewal: { dueDate: '2027-05-01' } })).renew,
      ).toEqual({
        offered: false,
        reason: 'renewal-approved',
      });
    });

    it('needs the ISO 18626 settings', () => {
      const config = configuredInstitution();
      config.worldshare.symbol = '';
      expect(availableActions(context({ config })).renew).toEqual({
        offered: false,
        reason: 'config-incomplete',
      });
      expect(availableActions(context({ config })).cancelAtLender).toEqual({
        offered: false,
        reason: 'config-incomplete',
      });
    });

    it('treats a request as not exported when the configured partner code differs (case 06 under another code)', () => {
      const config = { ...configuredInstitution(), almaPartnerCode: 'OTHER' };
      expect(
        availableActions(context({ request: caseById('06').alma_request, config })).renew,
      ).toEqual({
        offered: false,
        reason: 'not-exported',
      });
    });
  });

  describe('applyRenewal', () => {
    it('is offered only with an approved renewal and the loan to write it to', () => {
      expect(
        availableActions(context({ approvedRenewal: { dueDate: '2027-05-01' } })).applyRenewal,
      ).toEqual({ offered: true });
      expect(availableActions(context()).applyRenewal).toEqual({
        offered: false,
        reason: 'no-approved-renewal',
      });
      expect(
        availableActions(context({ approvedRenewal: { dueDate: '2027-05-01' }, loan: null }))
          .applyRenewal,
      ).toEqual({
        offered: false,
        reason: 'no-loan',
      });
      expect(
        availableActions(context({ approvedRenewal: { dueDate: '2027-05-01' }, loan: undefined }))
          .applyRenewal,
      ).toEqual({
        offered: false,
        reason: 'loan-not-read',
      });
    });

    it('does not depend on the WorldShare read or the ISO settings', () => {
      const ctx = context({
        approvedRenewal: { dueDate: '2027-05-01' },
        worldshare: undefined,
        config: { ...configuredInstitution(), worldshare: DEFAULT_INSTITUTION_CONFIG.worldshare },
      });
      expect(availableActions(ctx).applyRenewal).toEqual({ offered: true });
    });
  });

  describe('cleanCancel', () => {
    it('is offered before WorldShare is read, and says it will check first', () => {
      expect(availableActions(context({ loan: null, worldshare: undefined })).cleanCancel).toEqual({
        offered: true,
        reason: 'worldshare-not-read',
      });
    });

    it('may complete only when WorldShare is closed', () => {
      expect(
        cleanCancelMayComplete(context({ loan: null, worldshare: view('CLOSED') })),
      ).toBeTrue();
      expect(
        cleanCancelMayComplete(context({ loan: null, worldshare: view('Unfilled') })),
      ).toBeTrue();
      expect(
        cleanCancelMayComplete(context({ loan: null, worldshare: view('PENDING') })),
      ).toBeFalse();
      expect(
        cleanCancelMayComplete(context({ loan: null, worldshare: view('WHO_KNOWS') })),
      ).toBeFalse();
      expect(cleanCancelMayComplete(context({ loan: null, worldshare: null }))).toBeFalse();
      expect(cleanCancelMayComplete(context({ loan: null, worldshare: undefined }))).toBeFalse();
      expect(
        cleanCancelMayComplete(context({ loan: LOAN, worldshare: view('CLOSED') })),
      ).toBeFalse();
      expect(
        cleanCancelMayComplete(
          context({
            loan: null,
            worldshare: view('CLOSED'),
            request: almaRequest('REQUEST_CANCELED', true),
          }),
        ),
      ).toBeFalse();
    });

    it('does not wait for the loan read (an unread loan does not block)', () => {
      expect(
        availableActions(context({ loan: undefined, worldshare: view('CLOSED') })).cleanCancel,
      ).toEqual({ offered: true });
    });
  });

  describe('export', () => {
    it('follows the export blocks, the first one being the reason', () => {
      expect(availableActions(context({ request: caseById('01').alma_request })).export).toEqual({
        offered: true,
      });
      expect(availableActions(context({ request: caseById('05').alma_request })).export).toEqual({
        offered: false,
        reason: 'no-title',
      });
      expect(availableActions(context({ request: caseById('06').alma_request })).export).toEqual({
        offered: false,
        reason: 'already-exported',
      });
      expect(availableActions(context({ request: caseById('09').alma_request })).export).toEqual({
        offered: false,
        reason: 'status-not-exportable',
      });
      expect(
        availableActions(
          context({ request: caseById('01').alma_request, config: DEFAULT_INSTITUTION_CONFIG }),
        ).export,
      ).toEqual({
        offered: false,
        reason: 'config-incomplete',
      });
    });
  });

  it('answers for every action and never throws on thin input', () => {
    const actions = availableActions({
      request: {},
      config: DEFAULT_INSTITUTION_CONFIG,
      worldshare: undefined,
      loan: undefined,
      pendingRenewal: null,
      approvedRenewal: null,
    });
    expect(Object.keys(actions).sort()).toEqual([
      'applyRenewal',
      'cancelAtLender',
      'cleanCancel',
      'export',
      'renew',
    ]);
    expect(actions.renew).toEqual({ offered: false, reason: 'not-exported' });
    expect(actions.export.offered).toBeFalse();
  });
});

import { AskedOfLender, lenderFacts } from './lender-facts';
import { LenderMessage } from './lender-message';

const NY = 'America/New_York';
let seq = 0;
const msg = (over: Partial<LenderMessage>): LenderMessage => ({
  id: String(++seq),
  worldShareRequestId: '1700001',
  reasonForMessage: null,
  answerYesNo: null,
  status: null,
  dueDate: null,
  lastChange: null,
  note: null,
  reasonUnfilled: null,
  timestamp: null,
  receivedAt: '2026-11-30T10:00:00Z',
  ...over,
});
const NOTHING: AskedOfLender = {
  renewAskedAt: null,
  renewError: null,
  renewalAppliedDueDate: null,
  cancelAskedAt: null,
  cancelError: null,
  loanDueDate: '2027-03-01',
};
const RENEWED: AskedOfLender = { ...NOTHING, renewAskedAt: '2026-11-30T09:00:00Z' };
const CANCELLED: AskedOfLender = { ...NOTHING, cancelAskedAt: '2026-11-30T09:00:00Z' };

describe('lenderFacts', () => {
  describe('renewal', () => {
    it('none before a Renew; asked while no answer came', () => {
      expect(lenderFacts([], NOTHING, NY).renewal.state).toBe('none');
      expect(lenderFacts([], RENEWED, NY).renewal.state).toBe('asked');
    });

    it('RenewResponse Y with a due date: approved with that calendar date in the institution zone', () => {
      const f = lenderFacts(
        [
          msg({
            reasonForMessage: 'RenewResponse',
            answerYesNo: 'Y',
            status: 'Loaned',
            dueDate: '2027-04-02T03:59Z',
          }),
        ],
        RENEWED,
        NY,
      );
      expect(f.renewal.state).toBe('approved');
      expect(f.renewal.dueDate).toBe('2027-04-01');
      expect(f.renewal.via).toBe('RenewResponse');
    });

    it('RenewResponse Y without a due date: approved-no-date', () => {
      const f = lenderFacts(
        [msg({ reasonForMessage: 'RenewResponse', answerYesNo: 'Y', status: 'Loaned' })],
        RENEWED,
        NY,
      );
      expect(f.renewal.state).toBe('approved-no-date');
      expect(f.renewal.dueDate).toBeNull();
    });

    it('RenewResponse N: denied', () => {
      const f = lenderFacts(
        [
          msg({
            reasonForMessage: 'RenewResponse',
            answerYesNo: 'N',
            status: 'Loaned',
            dueDate: '2027-03-01T05:00:00Z',
          }),
        ],
        RENEWED,
        NY,
      );
      expect(f.renewal.state).toBe('denied');
    });

    it('a StatusChange with a later due date after a Renew counts as the approval, and the timeline says so', () => {
      const change = msg({
        reasonForMessage: 'StatusChange',
        status: 'Loaned',
        dueDate: '2027-05-01T04:00:00Z',
      });
      const f = lenderFacts([change], RENEWED, NY);
      expect(f.renewal.state).toBe('approved');
      expect(f.renewal.dueDate).toBe('2027-05-01');
      expect(f.renewal.via).toBe('later-due-date');
      expect(f.timeline[0].countedAs).toBe('renewal-approval');
    });

    it('a StatusChange with the same or an earlier due date, or answering N, is not an approval', () => {
      expect(
        lenderFacts(
          [
            msg({
              reasonForMessage: 'StatusChange',
              status: 'Loaned',
              dueDate: '2027-03-01T05:00:00Z',
            }),
          ],
          RENEWED,
          NY,
        ).renewal.state,
      ).toBe('asked');
      expect(
        lenderFacts(
          [
            msg({
              reasonForMessage: 'StatusChange',
              answerYesNo: 'N',
              dueDate: '2027-06-01T05:00:00Z',
            }),
          ],
          RENEWED,
          NY,
        ).renewal.state,
      ).toBe('asked');
    });

    it('the lender due date known before the Renew is the baseline', () => {
      const before = msg({
        reasonForMessage: 'RequestResponse',
        status: 'Loaned',
        dueDate: '2027-05-01T04:00:00Z',
        receivedAt: '2026-11-01T10:00:00Z',
      });
      const same = msg({
        reasonForMessage: 'StatusChange',
        status: 'Loaned',
        dueDate: '2027-05-01T04:00:00Z',
      });
      expect(lenderFacts([before, same], RENEWED, NY).renewal.state).toBe('asked');
    });

    it('messages from before the Renew are no answer to it', () => {
      const old = msg({
        reasonForMessage: 'RenewResponse',
        answerYesNo: 'N',
        receivedAt: '2026-11-01T10:00:00Z',
      });
      expect(lenderFacts([old], RENEWED, NY).renewal.state).toBe('asked');
    });

    it('the first RenewResponse decides', () => {
      const f = lenderFacts(
        [
          msg({ reasonForMessage: 'RenewResponse', answerYesNo: 'N' }),
          msg({ reasonForMessage: 'RenewResponse', answerYesNo: 'Y', dueDate: '2027-04-01' }),
        ],
        RENEWED,
        NY,
      );
      expect(f.renewal.state).toBe('denied');
    });

    it('an ERROR confirmation: failed, with its words; an applied approval: applied', () => {
      const failed = lenderFacts(
        [],
        { ...RENEWED, renewError: { errorType: 'UnrecognisedDataValue', errorValue: null } },
        NY,
      );
      expect(failed.renewal.state).toBe('failed');
      expect(failed.renewal.error?.errorType).toBe('UnrecognisedDataValue');
      const applied = lenderFacts(
        [msg({ reasonForMessage: 'RenewResponse', answerYesNo: 'Y' })],
        { ...RENEWED, renewalAppliedDueDate: '2027-04-09' },
        NY,
      );
      expect(applied.renewal.state).toBe('applied');
      expect(applied.renewal.dueDate).toBe('2027-04-09');
    });
  });

  describe('cancel and closing', () => {
    it('CancelResponse Y: accepted and closed at WorldShare', () => {
      const f = lenderFacts(
        [msg({ reasonForMessage: 'CancelResponse', answerYesNo: 'Y', status: 'Cancelled' })],
        CANCELLED,
        NY,
      );
      expect(f.cancel.state).toBe('accepted');
      expect(f.closedAtWorldShare?.status).toBe('Cancelled');
    });

    it('CancelResponse N: refused, and never closed, even when its status says Cancelled', () => {
      const f = lenderFacts(
        [msg({ reasonForMessage: 'CancelResponse', answerYesNo: 'N', status: 'Cancelled' })],
        CANCELLED,
        NY,
      );
      expect(f.cancel.state).toBe('refused');
      expect(f.closedAtWorldShare).toBeNull();
      expect(f.latestStatus).toBeNull();
    });

    it('Unfilled and LoanCompleted close the request at WorldShare; a later Loaned reopens it', () => {
      expect(
        lenderFacts([msg({ reasonForMessage: 'StatusChange', status: 'Unfilled' })], NOTHING, NY)
          .closedAtWorldShare?.status,
      ).toBe('Unfilled');
      expect(
        lenderFacts(
          [msg({ reasonForMessage: 'StatusChange', status: 'LoanCompleted' })],
          NOTHING,
          NY,
        ).closedAtWorldShare?.status,
      ).toBe('LoanCompleted');
      expect(
        lenderFacts([msg({ status: 'Unfilled' }), msg({ status: 'Loaned' })], NOTHING, NY)
          .closedAtWorldShare,
      ).toBeNull();
    });

    it('a cancel with an ERROR confirmation: failed', () => {
      expect(
        lenderFacts(
          [],
          { ...CANCELLED, cancelError: { errorType: 'BadlyFormedMessage', errorValue: 'x' } },
          NY,
        ).cancel.state,
      ).toBe('failed');
    });
  });

  describe('recall and overdue', () => {
    it('Recalled: the recall date in the institution zone', () => {
      const f = lenderFacts(
        [
          msg({
            reasonForMessage: 'StatusChange',
            status: 'Recalled',
            dueDate: '2026-12-10T04:59:00Z',
          }),
        ],
        NOTHING,
        NY,
      );
      expect(f.recall?.dueDate).toBe('2026-12-09');
      expect(f.overdue).toBeFalse();
    });

    it('Overdue is flagged; a later LoanCompleted ends both', () => {
      expect(lenderFacts([msg({ status: 'Overdue' })], NOTHING, NY).overdue).toBeTrue();
      const done = lenderFacts(
        [msg({ status: 'Recalled' }), msg({ status: 'LoanCompleted' })],
        NOTHING,
        NY,
      );
      expect(done.recall).toBeNull();
      expect(done.overdue).toBeFalse();
    });
  });

  it('keeps every message in the timeline, oldest first, with its calendar due date', () => {
    const f = lenderFacts(
      [
        msg({ reasonForMessage: 'Notification', note: 'Please return soon' }),
        msg({ status: 'Loaned', dueDate: 'not a date' }),
      ],
      NOTHING,
      NY,
    );
    expect(f.timeline.map((e) => e.message.reasonForMessage)).toEqual(['Notification', null]);
    expect(f.timeline[1].dueDate).toBeNull();
  });
});

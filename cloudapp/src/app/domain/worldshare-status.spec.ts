import { classifyWorldShareStatus, normalizeWorldShareStatus } from './worldshare-status';

describe('worldshare-status', () => {
  it('classifies closed statuses, WorldShare and ISO 18626 alike', () => {
    const closed: Array<[string, string]> = [
      ['CANCELLED', 'CANCELLED'],
      ['Canceled', 'CANCELED'],
      ['UNFILLED', 'UNFILLED'],
      ['expired', 'EXPIRED'],
      ['RETURNED', 'RETURNED'],
      ['CLOSED', 'CLOSED'],
      ['Completed', 'COMPLETED'],
      ['LoanCompleted', 'LOAN_COMPLETED'],
      ['CopyCompleted', 'COPY_COMPLETED'],
      ['CompletedWithoutReturn', 'COMPLETED_WITHOUT_RETURN'],
      ['loan-completed', 'LOAN_COMPLETED'],
    ];
    for (const [input, normalized] of closed) {
      expect(classifyWorldShareStatus(input))
        .withContext(input)
        .toEqual({ phase: 'closed', normalized });
    }
  });

  it('classifies open statuses', () => {
    const open: Array<[string, string]> = [
      ['SUBMITTING', 'SUBMITTING'],
      ['PENDING', 'PENDING'],
      ['IN_PROCESS', 'IN_PROCESS'],
      ['in process', 'IN_PROCESS'],
      ['InProcess', 'IN_PROCESS'],
      ['SHIPPED', 'SHIPPED'],
      ['Loaned', 'LOANED'],
      ['RECEIVED', 'RECEIVED'],
      ['RECALLED', 'RECALLED'],
      ['Overdue', 'OVERDUE'],
      ['RENEW_PENDING', 'RENEW_PENDING'],
      ['renew-pending', 'RENEW_PENDING'],
      ['  Renew  pending ', 'RENEW_PENDING'],
      ['RequestReceived', 'REQUEST_RECEIVED'],
      ['ExpectToSupply', 'EXPECT_TO_SUPPLY'],
      ['WillSupply', 'WILL_SUPPLY'],
      ['RetryPossible', 'RETRY_POSSIBLE'],
    ];
    for (const [input, normalized] of open) {
      expect(classifyWorldShareStatus(input))
        .withContext(input)
        .toEqual({ phase: 'open', normalized });
    }
  });

  it('calls anything else unknown, never closed', () => {
    for (const input of ['MYSTERY', 'CLOSING', 'NOT_CLOSED', 'CANCEL_REQUESTED', '42', '']) {
      expect(classifyWorldShareStatus(input).phase).withContext(input).toBe('unknown');
    }
    expect(classifyWorldShareStatus(null)).toEqual({ phase: 'unknown', normalized: '' });
    expect(classifyWorldShareStatus(undefined)).toEqual({ phase: 'unknown', normalized: '' });
    expect(classifyWorldShareStatus('Shipped Elsewhere').phase).toBe('unknown');
  });

  it('normalizes words, case and separators', () => {
    expect(normalizeWorldShareStatus('__in--process__')).toBe('IN_PROCESS');
    expect(normalizeWorldShareStatus('CompletedWithoutReturn')).toBe('COMPLETED_WITHOUT_RETURN');
    expect(normalizeWorldShareStatus(null)).toBe('');
  });
});

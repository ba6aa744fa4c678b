import { describeAlmaError } from './alma-error';
import { HostTimeoutError } from './host-call';

describe('describeAlmaError', () => {
  const almaBody = (code: string, message: string) => ({
    errorsExist: true,
    errorList: { error: [{ errorCode: code, errorMessage: message }] },
  });

  it("reads Alma's error list from a RestErrorResponse", () => {
    const p = describeAlmaError({
      ok: false,
      status: 400,
      statusText: 'Bad Request',
      message: 'x',
      error: almaBody('401652', 'Reason code is not valid'),
    });
    expect(p).toEqual({
      kind: 'rejected',
      status: 400,
      almaCode: '401652',
      almaMessage: 'Reason code is not valid',
    });
  });

  it('classifies statuses in staff terms', () => {
    expect(describeAlmaError({ status: 404 }).kind).toBe('not-found');
    expect(describeAlmaError({ status: 401 }).kind).toBe('unauthorized');
    expect(describeAlmaError({ status: 403 }).kind).toBe('unauthorized');
    expect(describeAlmaError({ status: 429 }).kind).toBe('rate-limited');
    expect(describeAlmaError({ status: 500 }).kind).toBe('server-error');
    expect(describeAlmaError({ status: 503 }).kind).toBe('server-error');
  });

  it('reports a host timeout as such', () => {
    expect(describeAlmaError(new HostTimeoutError(30_000))).toEqual({
      kind: 'timeout',
      status: 0,
      almaCode: null,
      almaMessage: null,
    });
  });

  it('never throws on odd input', () => {
    for (const odd of [
      undefined,
      null,
      'text',
      42,
      {},
      { status: 'abc' },
      { error: { errorList: { error: 'nonsense' } } },
    ]) {
      expect(() => describeAlmaError(odd)).not.toThrow();
      expect(describeAlmaError(odd).kind).toBe('unknown');
    }
  });

  it('accepts a single error object instead of a list', () => {
    expect(
      describeAlmaError({
        status: 400,
        error: { errorList: { error: { errorCode: 1, errorMessage: 'one' } } },
      }).almaMessage,
    ).toBe('one');
  });
});

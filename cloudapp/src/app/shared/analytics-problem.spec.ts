import { analyticsProblemText } from './analytics-problem';

describe('analyticsProblemText', () => {
  const alma = (
    status: number,
    message: string | null,
    kind: 'rejected' | 'unauthorized' | 'server-error' = 'rejected',
  ) => ({
    kind: 'alma' as const,
    problem: { kind, status, almaCode: '401652', almaMessage: message },
  });

  it("names a path Alma does not know apart from other refusals, keeping Alma's words", () => {
    expect(analyticsProblemText(alma(400, 'General Error: Path not found (/shared/x).'))).toEqual({
      code: 'not-found',
      params: { detail: 'General Error: Path not found (/shared/x).' },
    });
    expect(analyticsProblemText(alma(400, 'Parameter value is invalid')).code).toBe('alma');
    expect(analyticsProblemText(alma(401, null, 'unauthorized'))).toEqual({
      code: 'unauthorized',
      params: { detail: 'HTTP 401' },
    });
    expect(analyticsProblemText(alma(500, null, 'server-error'))).toEqual({
      code: 'alma',
      params: { detail: 'HTTP 500' },
    });
  });

  it('lists missing columns, format details, no path and stopped', () => {
    expect(
      analyticsProblemText({ kind: 'missing-columns', missing: ['userId', 'status'] }),
    ).toEqual({ code: 'missing-columns', params: { fields: 'userId, status' } });
    expect(analyticsProblemText({ kind: 'format', detail: 'no QueryResult' })).toEqual({
      code: 'format',
      params: { detail: 'no QueryResult' },
    });
    expect(analyticsProblemText({ kind: 'no-path' }).code).toBe('no-path');
    expect(analyticsProblemText({ kind: 'stopped' }).code).toBe('stopped');
  });
});

import { ERROR_RESPONSE, FAILURE_EXAMPLE } from './testing/oclc-samples';
import {
  describeWorldShareError,
  worldShareFieldLabel,
  type WorldShareProblem,
} from './worldshare-errors';

function failure(failureCode: unknown, fieldName: unknown): unknown {
  return {
    response: {
      error: {
        message: 'There was an error processing your request.',
        detail: [{ failureCode, fieldName }],
      },
    },
  };
}

describe('worldshare-errors', () => {
  describe("OCLC's published samples", () => {
    it('reads failure-example.json: a missing billing address, told as such', () => {
      expect(describeWorldShareError(400, FAILURE_EXAMPLE)).toEqual({
        code: 'billing-address-missing',
        field: 'requester.requesterBilling.address.address1',
        fieldLabel: 'billing address',
        fieldKey: 'billingAddress',
        failureCode: 30000,
        detail: 'There was an error processing your request. Please check the error detail.',
        failures: [
          {
            failureCode: 30000,
            field: 'requester.requesterBilling.address.address1',
            fieldLabel: 'billing address',
          },
        ],
      });
    });

    it('reads errorResponse.json: OCLC refusing the credentials', () => {
      const problem = describeWorldShareError(401, ERROR_RESPONSE);
      expect(problem.code).toBe('unauthorized');
      expect(problem.detail).toBe('No valid authentication credentials found in request');
      expect(problem.field).toBeNull();
      expect(problem.failureCode).toBeNull();
    });

    it('takes the status from errorResponse.json when the HTTP status was lost', () => {
      expect(describeWorldShareError(200, ERROR_RESPONSE).code).toBe('unauthorized');
    });
  });

  describe('failure codes', () => {
    const table: Array<[number, string, WorldShareProblem['code'], string | null]> = [
      [30000, 'item.title', 'missing-field', 'title'],
      [30001, 'item.isbn', 'invalid-field', 'ISBN'],
      [30002, 'needed', 'out-of-bounds', 'needed-by date'],
      [
        30004,
        'requester.supplierInfo.institutions[0].institutionId',
        'invalid-symbol',
        'lender string',
      ],
      [30005, 'requester.supplierInfo.institutions', 'lender-not-supplier', 'lender string'],
      [140005, 'requester.institution.institutionId', 'forbidden', 'registry id'],
      [30001, 'illRequest.item.oclcNumber', 'invalid-field', 'OCLC number'],
      [30000, 'item.articleTitle', 'missing-field', 'article or chapter title'],
      [30001, 'something.new', 'invalid-field', null],
    ];
    for (const [code, field, expected, label] of table) {
      it(`maps ${code} on ${field}`, () => {
        const problem = describeWorldShareError(400, failure(code, field));
        expect(problem.code).toBe(expected);
        expect(problem.failureCode).toBe(code);
        expect(problem.field).toBe(field);
        expect(problem.fieldLabel).toBe(label);
      });
    }

    it('reads a failure code sent as text', () => {
      expect(describeWorldShareError(400, failure('30002', 'needed')).code).toBe('out-of-bounds');
    });

    it('falls back to invalid-field for an unlisted code on a field, and to the status without a field', () => {
      expect(describeWorldShareError(400, failure(140004, 'item.pages')).code).toBe(
        'invalid-field',
      );
      expect(describeWorldShareError(500, failure(140006, null)).code).toBe('server-error');
    });

    it('keeps every failure and reports the first', () => {
      const body = {
        response: {
          error: {
            message: 'm',
            detail: [
              { failureCode: 30000, fieldName: 'item.title' },
              { failureCode: 30001, fieldName: 'needed' },
            ],
          },
        },
      };
      const problem = describeWorldShareError(400, body);
      expect(problem.code).toBe('missing-field');
      expect(problem.failures.map((f) => f.fieldLabel)).toEqual(['title', 'needed-by date']);
    });
  });

  describe('proxy errors (codes the proxy sends, proxy/src/error-codes.ts)', () => {
    const table: Array<[number, string, WorldShareProblem['code']]> = [
      [429, 'rate_limited', 'rate-limited'],
      [504, 'upstream_timeout', 'unavailable'],
      [502, 'upstream_unreachable', 'unavailable'],
      [502, 'upstream_redirect', 'server-error'],
      [403, 'upstream_not_allowed', 'proxy-refused'],
      [403, 'app_not_allowed', 'proxy-refused'],
      [401, 'jwt_malformed', 'unauthorized'],
      [401, 'jwt_expired', 'unauthorized'],
      [502, 'oclc_token_failed', 'unauthorized'],
      // The proxy's own 404 is "not forwarded here", never "WorldShare has no such request".
      [404, 'not_found', 'proxy-refused'],
      [500, 'internal_error', 'proxy-refused'],
    ];
    for (const [status, code, expected] of table) {
      it(`maps ${status} ${code} to ${expected}, keeping the code for its own message`, () => {
        const problem = describeWorldShareError(status, {
          error: { code, message: `proxy says ${code}` },
        });
        expect(problem.code).toBe(expected);
        expect(problem.proxyCode).toBe(code as never);
        expect(problem.detail).toBe(`proxy says ${code}`);
      });
    }

    it('reads a code it does not know by the HTTP status alone', () => {
      const problem = describeWorldShareError(418, {
        error: { code: 'teapot', message: 'short and stout' },
      });
      expect(problem.code).toBe('unknown');
      expect(problem.proxyCode).toBeUndefined();
      expect(
        describeWorldShareError(503, { error: { code: 'maintenance', message: 'later' } }).code,
      ).toBe('unavailable');
    });
  });

  it('keeps a 404 as not-found even when OCLC names the request id as the failing field', () => {
    const body = {
      response: {
        error: {
          message: 'No such request',
          detail: [{ failureCode: 30001, fieldName: 'requestId' }],
        },
      },
    };
    const problem = describeWorldShareError(404, body);
    expect(problem.code).toBe('not-found');
    expect(problem.failureCode).toBe(30001);
    expect(describeWorldShareError(400, body).code).toBe('invalid-field');
  });

  describe('HTTP statuses without a body', () => {
    const table: Array<[number, WorldShareProblem['code']]> = [
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [404, 'not-found'],
      [429, 'rate-limited'],
      [500, 'server-error'],
      [501, 'server-error'],
      [502, 'unavailable'],
      [503, 'unavailable'],
      [504, 'unavailable'],
      [408, 'unavailable'],
      [0, 'unavailable'],
      [400, 'unknown'],
      [418, 'unknown'],
    ];
    for (const [status, expected] of table) {
      it(`maps ${status} to ${expected}`, () => {
        expect(describeWorldShareError(status, null)).toEqual({
          code: expected,
          field: null,
          fieldLabel: null,
          failureCode: null,
          detail: null,
          failures: [],
        });
      });
    }
  });

  describe('odd input', () => {
    it('never throws', () => {
      const bodies: unknown[] = [
        undefined,
        '',
        'Service Unavailable',
        '{not json',
        '[]',
        [],
        42,
        { response: 5 },
        { response: { error: 'flat' } },
        { response: { error: { detail: 'text' } } },
        { response: { error: { detail: [null, 5, 'x', { failureCode: {}, fieldName: 7 }] } } },
        { error: { code: 42 } },
        { code: { value: 'abc' } },
        Object.create(null),
      ];
      for (const body of bodies) {
        expect(() => describeWorldShareError(500, body)).not.toThrow();
        expect(() => describeWorldShareError(NaN, body)).not.toThrow();
        expect(() => describeWorldShareError(undefined as unknown as number, body)).not.toThrow();
      }
    });

    it('reads JSON text and keeps plain text (shortened) as the detail', () => {
      expect(describeWorldShareError(400, JSON.stringify(FAILURE_EXAMPLE)).code).toBe(
        'billing-address-missing',
      );
      expect(describeWorldShareError(503, ' Service Unavailable ').detail).toBe(
        'Service Unavailable',
      );
      expect((describeWorldShareError(502, 'x'.repeat(2000)).detail ?? '').length).toBe(500);
    });

    it('reads a single detail object as well as a list', () => {
      const body = {
        response: {
          error: {
            message: 'm',
            detail: { failureCode: 30004, fieldName: 'requester.supplierInfo' },
          },
        },
      };
      expect(describeWorldShareError(400, body).code).toBe('invalid-symbol');
    });
  });

  describe('worldShareFieldLabel', () => {
    it('uses the longest known path and answers null for unknown ones', () => {
      expect(worldShareFieldLabel('requester.requesterBilling.maximumCost.amount')).toBe(
        'maximum cost',
      );
      expect(worldShareFieldLabel('requester.requesterBilling.billingTypes')).toBe('billing');
      expect(worldShareFieldLabel('item.titleExtra')).toBe('citation');
      expect(worldShareFieldLabel('Item.Title')).toBe('title');
      expect(worldShareFieldLabel('patron.name')).toBeNull();
      expect(worldShareFieldLabel('')).toBeNull();
      expect(worldShareFieldLabel(null)).toBeNull();
    });
  });
});

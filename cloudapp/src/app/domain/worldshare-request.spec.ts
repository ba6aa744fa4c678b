import { FAILURE_EXAMPLE, ILL_REQUEST_RESPONSE } from './testing/oclc-samples';
import { WorldShareFormatError, parseIllRequestResponse } from './worldshare-request';

describe('worldshare-request', () => {
  describe('parseIllRequestResponse', () => {
    it("reads OCLC's published answer, the numeric request id as text", () => {
      expect(parseIllRequestResponse(ILL_REQUEST_RESPONSE)).toEqual({
        requestId: '167513532',
        requestStatus: 'SUBMITTING',
      });
    });

    it('reads the answer as JSON text too', () => {
      expect(parseIllRequestResponse(JSON.stringify(ILL_REQUEST_RESPONSE)).requestId).toBe(
        '167513532',
      );
    });

    it('reads a bare illRequest, a text request id, the reference id and a due date', () => {
      const view = parseIllRequestResponse({
        illRequest: {
          requestId: ' 168134644 ',
          requestStatus: 'LOANED',
          referenceId: '1987654320059',
          dueDate: '2021-03-11T05:00:00Z',
        },
      });
      expect(view).toEqual({
        requestId: '168134644',
        requestStatus: 'LOANED',
        referenceId: '1987654320059',
        dueDate: '2021-03-11',
      });
    });

    it('leaves out a due date it cannot read rather than guessing', () => {
      const view = parseIllRequestResponse({
        illRequest: { requestId: 5, requestStatus: 'LOANED', dueDate: 'next week' },
      });
      expect(view).toEqual({ requestId: '5', requestStatus: 'LOANED' });
    });

    it('throws WorldShareFormatError with the reason for an error answer', () => {
      expect(() => parseIllRequestResponse(FAILURE_EXAMPLE)).toThrowMatching(
        (e) =>
          e instanceof WorldShareFormatError &&
          /error: There was an error processing your request/.test(e.message),
      );
    });

    it('throws WorldShareFormatError for shapes it does not know', () => {
      const cases: Array<[unknown, RegExp]> = [
        [null, /no JSON object/],
        [undefined, /no JSON object/],
        [[], /no JSON object/],
        ['<html>Bad gateway</html>', /not JSON/],
        [{}, /no illRequest/],
        [{ response: {} }, /no illRequest/],
        [{ response: { illRequest: 'x' } }, /no illRequest/],
        [{ response: { illRequest: { requestStatus: 'PENDING' } } }, /no usable requestId/],
        [
          { response: { illRequest: { requestId: 0, requestStatus: 'PENDING' } } },
          /no usable requestId/,
        ],
        [
          { response: { illRequest: { requestId: 1.5, requestStatus: 'PENDING' } } },
          /no usable requestId/,
        ],
        [
          { response: { illRequest: { requestId: 'two words', requestStatus: 'PENDING' } } },
          /no usable requestId/,
        ],
        [{ response: { illRequest: { requestId: 7 } } }, /request 7 has no requestStatus/],
        [{ response: { illRequest: { requestId: 7, requestStatus: ' ' } } }, /no requestStatus/],
      ];
      for (const [body, message] of cases) {
        expect(() => parseIllRequestResponse(body))
          .withContext(JSON.stringify(body) ?? 'undefined')
          .toThrowMatching(
            (e) =>
              e instanceof WorldShareFormatError &&
              message.test(e.message) &&
              e.name === 'WorldShareFormatError',
          );
      }
    });
  });
});

import { ProxyClientService } from './proxy-client.service';
import { testConfig } from './testing/fakes';
import { WorldShareService } from './worldshare.service';

describe('WorldShareService', () => {
  let proxy: jasmine.SpyObj<ProxyClientService>;
  let service: WorldShareService;

  beforeEach(() => {
    proxy = jasmine.createSpyObj<ProxyClientService>('ProxyClientService', [
      'send',
      'sendIdempotent',
    ]);
    service = new WorldShareService(proxy);
  });

  describe('findByReferenceId (hosted proxy mode)', () => {
    it("keeps only requests whose referenceId is exactly the one asked for, so another request's id is never taken", async () => {
      proxy.send.and.resolveTo({
        response: {
          illRequests: [
            { requestId: 11, requestStatus: 'PENDING', referenceId: '19876543200041' },
            { requestId: 12, requestStatus: 'PENDING', referenceId: '987654320004' },
            { requestId: 13, requestStatus: 'PENDING' },
            { requestId: 14, requestStatus: 'PENDING', referenceId: '1987654320004' },
            { requestId: 15, requestStatus: 'PENDING', referenceId: 'ALMA-1987654320004' },
          ],
        },
      });
      const found = await service.findByReferenceId(testConfig(), '1987654320004');
      expect(found.map((r) => r.requestId)).toEqual(['14']);
      expect(proxy.send.calls.mostRecent().args[1].url).toBe(
        'https://128807.share.worldcat.org/ILL/request/data?referenceId=1987654320004',
      );
    });

    it('gives nothing when WorldShare ignores the search and lists other requests', async () => {
      proxy.send.and.resolveTo({
        response: {
          illRequests: [
            { requestId: 21, requestStatus: 'PENDING', referenceId: 'other' },
            { requestId: 22, requestStatus: 'CLOSED' },
          ],
        },
      });
      expect(await service.findByReferenceId(testConfig(), '1987654320004')).toEqual([]);
    });

    it('skips entries it cannot read instead of failing', async () => {
      proxy.send.and.resolveTo({
        response: {
          illRequests: [
            { referenceId: '1987654320004' },
            { requestId: 31, requestStatus: 'PENDING', referenceId: '1987654320004' },
          ],
        },
      });
      expect(
        (await service.findByReferenceId(testConfig(), '1987654320004')).map((r) => r.requestId),
      ).toEqual(['31']);
    });

    it('reads an answer without a list as none found', async () => {
      proxy.send.and.resolveTo({ response: {} });
      expect(await service.findByReferenceId(testConfig(), '1987654320004')).toEqual([]);
    });
  });

  describe('createRequest', () => {
    const answer = {
      response: {
        illRequest: {
          requestId: 167513532,
          requestStatus: 'SUBMITTING',
          referenceId: '1987654320004',
        },
      },
    };
    const body = { illRequest: { referenceId: '1987654320004' } } as never;

    it('sends the idempotency key when given and says whether the proxy replayed a stored answer', async () => {
      proxy.sendIdempotent.and.resolveTo({ body: answer, replayed: true });
      const created = await service.createRequest(testConfig(), body, '1987654320004');
      expect(created).toEqual({
        request: {
          requestId: '167513532',
          requestStatus: 'SUBMITTING',
          referenceId: '1987654320004',
        },
        replayed: true,
      });
      expect(proxy.sendIdempotent.calls.mostRecent().args[1]).toEqual(
        jasmine.objectContaining({ method: 'POST', idempotencyKey: '1987654320004' }),
      );
    });

    it('sends no idempotency key without one', async () => {
      proxy.sendIdempotent.and.resolveTo({ body: answer, replayed: false });
      await service.createRequest(testConfig(), body);
      expect(proxy.sendIdempotent.calls.mostRecent().args[1].idempotencyKey).toBeUndefined();
    });
  });
});

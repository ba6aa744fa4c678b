/**
 * Contract test (node): the app reads every error code the proxy sends, and only those, and has a
 * message for each in every language. The proxy's list is read from its source here, in the test;
 * the app itself never imports proxy code.
 * Run: node --import tsx --test cloudapp/src/app/domain/proxy-errors.contract.test.ts
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PROXY_ERROR_CODES } from '../../../../proxy/src/error-codes';
import { KNOWN_PROXY_ERROR_CODES, PROXY_ERROR_READINGS } from './proxy-errors';
import { describeWorldShareError } from './worldshare-errors';

const I18N = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'i18n');
const LANGUAGES = ['en', 'es', 'fr', 'de'] as const;
const proxyCodes = Object.keys(PROXY_ERROR_CODES).sort();

describe("the app's reader of proxy error codes (domain/proxy-errors.ts)", () => {
  it('knows exactly the codes the proxy lists (proxy/src/error-codes.ts)', () => {
    assert.ok(proxyCodes.length >= 20, `the proxy lists only ${proxyCodes.length} codes`);
    const app = [...KNOWN_PROXY_ERROR_CODES].sort();
    assert.deepEqual(
      {
        missingInApp: proxyCodes.filter((c) => !app.includes(c as never)),
        notSentByProxy: app.filter((c) => !proxyCodes.includes(c)),
      },
      { missingInApp: [], notSentByProxy: [] },
    );
  });

  for (const lang of LANGUAGES) {
    it(`has a message for every code in ${lang}.json`, () => {
      const messages =
        (
          JSON.parse(readFileSync(join(I18N, `${lang}.json`), 'utf8')) as {
            proxyError?: Record<string, unknown>;
          }
        ).proxyError ?? {};
      const missing = proxyCodes.filter(
        (c) => typeof messages[c] !== 'string' || (messages[c] as string).trim() === '',
      );
      assert.deepEqual(missing, []);
    });
  }

  it('reads each code as the proxy sends it: {error: {code, message}} with its status', () => {
    for (const [code, status] of Object.entries(PROXY_ERROR_CODES)) {
      const problem = describeWorldShareError(status, {
        error: { code, message: 'as the proxy says it' },
      });
      assert.equal(problem.proxyCode, code, code);
      assert.equal(
        problem.code,
        PROXY_ERROR_READINGS[code as keyof typeof PROXY_ERROR_READINGS].problem,
        code,
      );
      assert.equal(problem.detail, 'as the proxy says it');
    }
  });

  it('never reads a refusal of the WorldShare address as WorldShare not answering in time', () => {
    const problem = describeWorldShareError(403, {
      error: {
        code: 'upstream_not_allowed',
        message: 'X-Proxy-Host "x" is not an upstream this proxy forwards to',
      },
    });
    assert.equal(problem.code, 'proxy-refused');
    const en = JSON.parse(readFileSync(join(I18N, 'en.json'), 'utf8')) as {
      proxyError: Record<string, string>;
      wsProblem: Record<string, string>;
    };
    assert.notEqual(en.proxyError['upstream_not_allowed'], en.wsProblem['unavailable']);
    assert.doesNotMatch(en.proxyError['upstream_not_allowed']!, /in time|answer/i);
  });

  it('reads a code it does not know by the HTTP status, without claiming it', () => {
    const problem = describeWorldShareError(503, {
      error: { code: 'some_future_code', message: 'later' },
    });
    assert.equal(problem.code, 'unavailable');
    assert.equal(problem.proxyCode, undefined);
  });
});

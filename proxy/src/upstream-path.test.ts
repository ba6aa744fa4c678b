import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProxyError } from './errors.ts';
import { checkForwardTarget } from './upstream-path.ts';

describe('checkForwardTarget', () => {
  for (const target of [
    '/',
    '/ILL/request/data',
    '/ILL/request/data/1234?inst=128807&x=a%20b',
    '/iso18626?next=http://evil.test/../x',
    '/a.b/c..d/...',
    '/a%20b',
  ]) {
    it(`forwards ${target}`, () => {
      assert.equal(checkForwardTarget(target), target);
    });
  }

  for (const target of [
    '',
    'ILL/request',
    'http://evil.test/x',
    '//evil.test/x',
    '///evil.test',
    '/a//b',
    '/../etc',
    '/a/../../b',
    '/a/./b',
    '/a/..',
    '/%2e%2e/x',
    '/%2E./x',
    '/.%2e/x',
    '/a/..%2fb',
    '/a%2f..%2fb',
    '/a%5c..',
    '/a\\b',
    '/\\evil.test',
    '/a b',
    '/a\tb',
    '/a#b',
    '/a%zz',
  ]) {
    it(`refuses ${JSON.stringify(target)} with 400`, () => {
      assert.throws(
        () => checkForwardTarget(target),
        (e: unknown) =>
          e instanceof ProxyError && e.statusCode === 400 && e.code === 'invalid_path',
      );
    });
  }
});

import { configAccess } from './config-access';

describe('config access', () => {
  it('lets administrators edit', () => {
    expect(configAccess({ user: { isAdmin: true } })).toEqual({ editable: true, reason: 'admin' });
  });
  it('shows the page read-only to everyone else', () => {
    expect(configAccess({ user: { isAdmin: false } })).toEqual({
      editable: false,
      reason: 'not-admin',
    });
  });
  it('stays read-only when Alma did not say (no answer, no user, odd values)', () => {
    expect(configAccess(null)).toEqual({ editable: false, reason: 'unknown' });
    expect(configAccess({})).toEqual({ editable: false, reason: 'unknown' });
    expect(configAccess({ user: {} })).toEqual({ editable: false, reason: 'unknown' });
    expect(configAccess({ user: { isAdmin: 'true' } })).toEqual({
      editable: false,
      reason: 'unknown',
    });
  });
});

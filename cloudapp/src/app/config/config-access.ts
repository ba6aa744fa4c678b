/**
 * Who may change the institution configuration. Alma tells the app in INIT_DATA whether the
 * signed-in staff user holds an administrator role (`user.isAdmin`, Cloud App SDK InitData,
 * documented); Alma itself refuses configuration writes from anyone else, so the page shows
 * the configuration read-only to them instead of letting a Save fail.
 */

/** Why the page is editable or not; `config.access.<reason>` explains it. */
export type ConfigAccessReason = 'admin' | 'not-admin' | 'unknown';

export interface ConfigAccess {
  editable: boolean;
  reason: ConfigAccessReason;
}

/**
 * Access from INIT_DATA (or null when Alma did not answer): editable only when
 * `user.isAdmin === true`. Anything else — false, missing, a string — is read-only, so an
 * unexpected INIT_DATA never opens the form to a user Alma would refuse.
 */
export function configAccess(initData: unknown): ConfigAccess {
  const user =
    initData && typeof initData === 'object' ? (initData as { user?: unknown }).user : undefined;
  if (!user || typeof user !== 'object') return { editable: false, reason: 'unknown' };
  const isAdmin = (user as { isAdmin?: unknown }).isAdmin;
  if (isAdmin === true) return { editable: true, reason: 'admin' };
  return { editable: false, reason: typeof isAdmin === 'boolean' ? 'not-admin' : 'unknown' };
}

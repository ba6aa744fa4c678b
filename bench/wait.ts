/** Polling for a condition outside the browser (the simulator's state). */

/**
 * Resolves once `check` is true, checking every `everyMs`.
 *
 * @throws Error naming `what` when it is still false after `timeoutMs`.
 */
export async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Polls `read` until `check` holds, every `everyMs`; answers the value that held. No time threshold:
 * the test's own timeout bounds it (tests never assert on speed).
 */
export async function until<T>(
  read: () => T | Promise<T>,
  check: (value: T) => boolean,
  everyMs = 20,
): Promise<T> {
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

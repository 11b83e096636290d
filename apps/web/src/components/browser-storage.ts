/**
 * localStorage, or nothing where it is refused (private modes, a sandboxed frame, no window):
 * what the console remembers in this browser is a convenience, never a reason to fail.
 */
export function browserStorage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

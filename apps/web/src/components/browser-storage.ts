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

/**
 * Stores `value` under `key` in localStorage; does nothing where storage is refused or full
 * (`QuotaExceededError`): the value then holds for this visit only.
 */
export function rememberInBrowser(key: string, value: string): void {
  try {
    browserStorage()?.setItem(key, value);
  } catch {
    // Refused or full: nothing to keep it in.
  }
}

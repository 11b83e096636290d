/**
 * Test set-up shared by the sandbox's tests and the BFF's (imported as `@clc/sandbox/test-support`).
 * Only for tests: it registers vitest hooks.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

/**
 * A password policy unlike a new pool's default in every member (Cognito's defaults: 8 characters,
 * every character class required, no history, 7 days for a temporary password): a pool created or
 * updated with it shows whether each member was kept.
 */
export const NON_DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 14,
  RequireUppercase: false,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: false,
  PasswordHistorySize: 5,
  TemporaryPasswordValidityDays: 3,
};

/**
 * Temporary folders for one test file: answers a function that makes a new one under the OS temp
 * folder (named `<prefix>XXXXXX`), and removes every one made after each test. Call it before the
 * file's own `afterEach` that closes what uses the folders: vitest runs after-hooks last-registered
 * first, so the folders go after whatever holds files in them has closed.
 */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

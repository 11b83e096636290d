/**
 * `--data DIR`: the whole state as one JSON file, written atomically (temp file + rename) after every
 * change, and read back at start so the demo survives a restart.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const FORMAT = 1;

export interface SavedState {
  format: number;
  accountId: string;
  savedAt: string;
  services: Record<string, unknown>;
}

export class StateFile {
  readonly file: string;

  /** `warn` hears about a data directory other users can read (the state holds access keys). */
  constructor(dir: string, warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = path.join(path.resolve(dir), "sandbox-state.json");
    const mode = statSync(dir).mode & 0o777;
    if (process.platform !== "win32" && (mode & 0o077) !== 0) {
      warn(
        `sandbox: warning: ${path.resolve(dir)} can be read by other users (mode ${mode.toString(8)}); ` +
          `the state file holds the Firehose endpoints' access keys. Restrict it: chmod 700 ${path.resolve(dir)}`,
      );
    }
  }

  /** The saved state, or undefined if nothing was saved yet. Throws with a clear message if the file is unusable. */
  load(): SavedState | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${this.file} is not valid JSON; move it away to start from a fresh state.`);
    }
    const state = parsed as Partial<SavedState> | null;
    if (
      state?.format !== FORMAT ||
      typeof state.services !== "object" ||
      state.services === null ||
      typeof state.accountId !== "string"
    ) {
      throw new Error(
        `${this.file} is not a sandbox state file of format ${FORMAT}; move it away to start from a fresh state.`,
      );
    }
    return state as SavedState;
  }

  save(accountId: string, services: Record<string, unknown>): void {
    const state: SavedState = { format: FORMAT, accountId, savedAt: new Date().toISOString(), services };
    const temp = `${this.file}.${process.pid}.tmp`;
    // Owner-only from the first byte (the state holds access keys); rename keeps the mode.
    writeFileSync(temp, JSON.stringify(state), { mode: 0o600 });
    renameSync(temp, this.file);
  }
}

/** The operators CLI (`src/features/operators/cli.ts`) run as a real process, through tsx. */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const OPERATORS_CLI = fileURLToPath(new URL("../src/features/operators/cli.ts", import.meta.url));

/**
 * Runs the CLI with `args`, `stdin` piped in, in this process's environment with CLC_DATA_DIR and
 * DATABASE_URL cleared (they would send it elsewhere than the test means) and then `env` applied.
 */
export function runOperatorsCli(
  args: string[],
  env: Record<string, string> = {},
  stdin = "",
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", OPERATORS_CLI, ...args], {
      cwd: path.dirname(OPERATORS_CLI),
      env: { ...process.env, CLC_DATA_DIR: "", DATABASE_URL: "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

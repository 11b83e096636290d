/** Progress lines on stderr (the results go to files): elapsed time since the bench started. */
const benchStarted = performance.now();

export function progress(message: string): void {
  const seconds = ((performance.now() - benchStarted) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${seconds}s] ${message}\n`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The Node (V8) flags the BFF runs with: the Dockerfile's CMD and scripts/start-prod.sh pass them
 * to `node`, the bench passes them to its BFF process (test/node-flags.test.ts keeps the three
 * alike). Why (issue 16, "Memory": RSS ≤ 200 MB with 10,000 pools cached):
 * - `--max-semi-space-size=4`: V8's young generation on a 64-bit machine grows to 3 × 16 MB
 *   semi-spaces, which a request-serving process with a small live heap never needs; 4 MB keeps
 *   scavenges cheap. Measured: an idle BFF 196 → 155 MB RSS (2 MB semi-spaces).
 * - `--heap-growing-percent=20`: after a full GC V8 lets the old generation grow to up to 4× what
 *   survived before the next one; a fleet read's garbage then left 330 MB of heap reserved for a
 *   66 MB live heap (bench, 10,000 pools). 1.2× keeps the reservation near the live size; the live
 *   heap itself is not bounded, so 100,000 pools still fit.
 * Both flags together: 10,000 pools restored from the store, 207 → 177 MB RSS (bench pools-100k
 * at --big-pools 10000, machine loaded). Neither may go in NODE_OPTIONS (V8 refuses
 * --heap-growing-percent there), hence the command line.
 */
export const BFF_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=4", "--heap-growing-percent=20"];

/**
 * The environment the BFF's process starts with, beside its flags (the Dockerfile's ENV,
 * scripts/start-prod.sh's export and the bench's BFF process; test/node-flags.test.ts keeps them
 * alike). `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates (libuv's pool, V8's GC and
 * compiler threads) its own malloc arena, up to 8 per core, and each keeps the memory it freed;
 * the SDK's and the HTTP server's buffers then leave tens of MB of RSS that no heap holds. Two
 * arenas: bench warm fill of 10,000 pools, production build, 204 → 188 MB RSS after the fill
 * (191 → 173 MB after 20 s idle). Read by glibc when the process starts, so it cannot be set from
 * JavaScript; musl (Alpine) ignores it.
 */
export const BFF_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: "2" };

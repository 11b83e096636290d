/**
 * The operator the bench BFF is created with (exists only for the run). Its own module: the BFF
 * process (bff-child.ts) is bundled for production-like runs and must not pull in the parent's code.
 */
export const BENCH_ADMIN = { username: "bench-admin", password: "bench-admin-password-0001" } as const;

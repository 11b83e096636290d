import { randomBytes, randomUUID } from "node:crypto";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `n` random characters from [A-Za-z0-9], as in user pool ids (`us-east-1_AbC123xYz`). */
export function randomAlnum(n: number, random: () => number = Math.random): string {
  let out = "";
  for (let i = 0; i < n; i++) out += ALNUM[Math.floor(random() * ALNUM.length)];
  return out;
}

export const newRequestId = (): string => randomUUID();

/** S3's `x-amz-id-2`: an opaque base64 host id. */
export const newHostId = (): string => randomBytes(48).toString("base64");

/** JSON protocols carry timestamps as epoch seconds (a number, with fractions). */
export const epochSeconds = (ms: number): number => ms / 1000;

/** A deterministic PRNG (mulberry32) so seeds create the same fleet every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

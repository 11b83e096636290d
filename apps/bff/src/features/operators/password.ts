/**
 * Password hashing with scrypt (memory-hard) from node:crypto. A hash is self-describing:
 * `scrypt$N=<cost>,r=<block>,p=<parallel>$<salt b64url>$<digest b64url>`, so the parameters can be raised
 * later without breaking existing hashes (sign-in re-hashes with the current ones).
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { NewPasswordSchema } from "@clc/domain";

export interface ScryptParams {
  /** CPU/memory cost, a power of two. Memory used is about 128 · N · r bytes. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * OWASP Password Storage Cheat Sheet (scrypt): N=2^17, r=8, p=1 (128 MiB), or equally strong with
 * less memory N=2^16/p=2, N=2^15/p=3, N=2^14/p=5. We take N=2^15, r=8, p=3: 2^15 · 8 · 128 B = 32 MiB
 * per hash (p runs sequentially in Node, so memory does not grow with it), about three times the CPU
 * of p=1. Hashes made with other parameters are re-hashed at the next good sign-in (sign-in.ts).
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const HASH_PATTERN = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function derive(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize("NFKC"),
      salt,
      keyLength,
      // Node refuses by default above 32 MiB; allow what the parameters need, with headroom.
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r * params.p },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** Throws a clear error when the password does not meet the rules for a new password. */
export function assertAcceptablePassword(password: string): void {
  const result = NewPasswordSchema.safeParse(password);
  if (!result.success) throw new Error(result.error.issues.map((issue) => issue.message).join("; "));
}

export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const match = HASH_PATTERN.exec(stored);
  if (!match) return null;
  const [, n, r, p, salt, key] = match;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // A hash comes from our own database, but refuse parameters that would exhaust memory.
  if (params.N < 2 || params.N > 2 ** 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) {
    return null;
  }
  return { params, salt: Buffer.from(salt ?? "", "base64url"), key: Buffer.from(key ?? "", "base64url") };
}

/** Timing-safe. A malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.key.length === 0) return false;
  const candidate = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(candidate, parsed.key);
}

/** Whether a stored hash was made with other parameters than `params` (then re-hash after a good sign-in). */
export function needsRehash(stored: string, params: ScryptParams): boolean {
  const parsed = parseHash(stored);
  return (
    !parsed || parsed.params.N !== params.N || parsed.params.r !== params.r || parsed.params.p !== params.p
  );
}

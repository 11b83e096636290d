/**
 * Checks a username and password, with throttling per account and per client address. Every failure
 * looks the same from outside: an unknown user costs the same scrypt work as a known one (a dummy
 * hash is verified) and answers the same message.
 */
import { type Operator, UsernameSchema } from "@clc/domain";
import type { OperatorStore, ThrottlePolicy, ThrottleStore } from "../store/types.ts";
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  type ScryptParams,
  verifyPassword,
} from "./password.ts";
import type { Clock } from "./sessions.ts";

export interface SignInLimits {
  /** Failures for one username (existing or not). */
  readonly account: ThrottlePolicy;
  /** Failures from one client address, across usernames (password spraying). */
  readonly address: ThrottlePolicy;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  account: { windowMs: 15 * 60_000, maxFailures: 5, lockMs: 15 * 60_000 },
  address: { windowMs: 15 * 60_000, maxFailures: 30, lockMs: 15 * 60_000 },
};

export type SignInResult =
  | { readonly ok: true; readonly operator: Operator }
  | { readonly ok: false; readonly reason: "wrong" }
  | { readonly ok: false; readonly reason: "locked"; readonly retryAfterMs: number };

export interface SignInChecker {
  check(attempt: { username: string; password: string; address: string }): Promise<SignInResult>;
}

/** The throttle key of a username as typed: normalised when it is a valid name, so "Alice" and "alice" share it. */
export function accountKey(username: string): string {
  const parsed = UsernameSchema.safeParse(username);
  return `account:${parsed.success ? parsed.data : username.slice(0, 256)}`;
}

export function createSignInChecker(options: {
  operators: OperatorStore;
  throttle: ThrottleStore;
  clock: Clock;
  limits?: SignInLimits;
  passwordParams?: ScryptParams;
}): SignInChecker {
  const { operators, throttle, clock } = options;
  const limits = options.limits ?? DEFAULT_SIGN_IN_LIMITS;
  const params = options.passwordParams ?? DEFAULT_SCRYPT_PARAMS;
  let dummyHash: Promise<string> | undefined;

  return {
    async check({ username, password, address }) {
      const now = clock();
      const account = accountKey(username);
      const keys = [
        { key: account, policy: limits.account },
        { key: `address:${address}`, policy: limits.address },
      ];
      for (const { key } of keys) {
        const lockedUntil = await throttle.lockedUntil(key, now);
        if (lockedUntil !== null) return { ok: false, reason: "locked", retryAfterMs: lockedUntil - now };
      }

      const parsed = UsernameSchema.safeParse(username);
      const operator = parsed.success ? await operators.get(parsed.data) : null;
      // Same work whether or not the account exists: verify against a hash made with the same parameters.
      dummyHash ??= hashPassword("not a password of anyone", params);
      const hash = operator?.passwordHash ?? (await dummyHash);
      const matches = await verifyPassword(password, hash);

      if (!operator || !matches) {
        for (const { key, policy } of keys) await throttle.recordFailure(key, now, policy);
        return { ok: false, reason: "wrong" };
      }
      await throttle.clear(account);
      if (needsRehash(operator.passwordHash, params)) {
        await operators.setPasswordHash(operator.username, await hashPassword(password, params), clock());
      }
      return { ok: true, operator: { username: operator.username, role: operator.role } };
    },
  };
}

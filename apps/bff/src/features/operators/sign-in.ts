/**
 * Checks a username and password, with throttling per (account, client address) and per client
 * address. Every failure looks the same from outside: an unknown user costs the same scrypt work as a
 * known one (a dummy hash is verified) and answers the same message.
 *
 * Why not per account alone: then anyone who can reach the sign-in page could lock every named
 * operator out (five wrong passwords for `admin`). Keyed by (account, address), an attacker only
 * locks themselves out; the per-address limit stops one address from spraying many usernames.
 */
import { isIP } from "node:net";
import { type Operator, UsernameSchema } from "@clc/domain";
import type { OperatorStore, ThrottlePolicy, ThrottleStore } from "../../store/types.ts";
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  type ScryptParams,
  verifyPassword,
} from "./password.ts";
import type { Clock } from "./sessions.ts";

export interface SignInLimits {
  /** Attempts at one username from one client address; locks grow (doubling) while failures go on. */
  readonly accountFromAddress: ThrottlePolicy;
  /** Attempts from one client address, across usernames (password spraying). */
  readonly address: ThrottlePolicy;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  accountFromAddress: { windowMs: 15 * 60_000, maxFailures: 5, lockMs: 60_000, maxLockMs: 15 * 60_000 },
  address: { windowMs: 15 * 60_000, maxFailures: 30, lockMs: 15 * 60_000 },
};

/**
 * How much scrypt work may run at once. scrypt runs on libuv's thread pool (4 threads by default),
 * which file reads (static assets) and DNS share: two at a time leaves the other threads free, and a
 * bounded queue answers "busy" instead of piling up memory (each hash holds 32 MiB).
 */
export interface PasswordWorkLimits {
  readonly concurrent: number;
  readonly queued: number;
}

export const DEFAULT_PASSWORD_WORK_LIMITS: PasswordWorkLimits = { concurrent: 2, queued: 32 };

export type SignInResult =
  | { readonly ok: true; readonly operator: Operator }
  | { readonly ok: false; readonly reason: "wrong"; readonly knownUsername: string | null }
  | {
      readonly ok: false;
      readonly reason: "locked" | "busy";
      readonly retryAfterMs: number;
      readonly knownUsername: string | null;
    };

export interface SignInChecker {
  check(attempt: { username: string; password: string; address: string }): Promise<SignInResult>;
}

/** A username as typed, normalised when it is a valid name, so "Alice" and "alice" share a counter. */
function normalisedUsername(username: string): string {
  const parsed = UsernameSchema.safeParse(username);
  return parsed.success ? parsed.data : username.slice(0, 256);
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail and a zone id allowed). */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().replace(/%.*$/, "");
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(2).map(Number) as [number, number, number, number];
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined) =>
    part ? part.split(":").map((g) => Number.parseInt(g, 16)) : [];
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const missing = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array<number>(Math.max(0, missing)).fill(0), ...tail];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

/**
 * The client address as the throttle counts it: an IPv6 client usually holds a whole /64 and could
 * take a fresh address for every attempt, so IPv6 addresses count per /64. IPv4 addresses count one
 * by one, and so do IPv4-mapped IPv6 addresses, however written (`::ffff:10.0.0.1`,
 * `::ffff:a00:1`, the long form): they are the IPv4 client.
 */
export function throttleAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** The throttle key of a username tried from an address. */
export function accountKey(username: string, address: string): string {
  return `account:${normalisedUsername(username)}@${address}`;
}

/** A counting semaphore with a bounded queue: `acquire` answers null when the queue is full. */
export function createWorkLimiter(limits: PasswordWorkLimits): {
  acquire(): Promise<(() => void) | null>;
} {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    async acquire() {
      if (running < limits.concurrent) {
        running++;
        return release;
      }
      if (waiting.length >= limits.queued) return null;
      // The slot is handed over directly by `release`, so `running` stays the same.
      await new Promise<void>((resolve) => waiting.push(resolve));
      return release;
    },
  };
}

export function createSignInChecker(options: {
  operators: OperatorStore;
  throttle: ThrottleStore;
  clock: Clock;
  limits?: SignInLimits;
  passwordParams?: ScryptParams;
  passwordWork?: PasswordWorkLimits;
  /** Aws mode: a demo operator is checked (same work) and refused like an unknown username. */
  refuseDemoOperators?: boolean;
}): SignInChecker {
  const { operators, throttle, clock } = options;
  const limits = options.limits ?? DEFAULT_SIGN_IN_LIMITS;
  const params = options.passwordParams ?? DEFAULT_SCRYPT_PARAMS;
  const work = createWorkLimiter(options.passwordWork ?? DEFAULT_PASSWORD_WORK_LIMITS);
  let dummyHash: Promise<string> | undefined;

  return {
    async check({ username, password, address }) {
      const client = throttleAddress(address);
      const account = accountKey(username, client);
      const addressKey = `address:${client}`;
      const parsed = UsernameSchema.safeParse(username);
      const stored = parsed.success ? await operators.get(parsed.data) : null;
      // A sandbox start on aws mode's directory while it runs makes demo operators with printed
      // passwords; the start-up refusal cannot see them, so aws mode never signs them in.
      const operator = stored && !(options.refuseDemoOperators && stored.origin === "demo") ? stored : null;
      // Only a name that is an operator's is ever repeated (audit): anything else may be a password.
      const knownUsername = operator?.username ?? null;

      // Counted before the password is checked, atomically with the decision (see ThrottleStore).
      const decision = await throttle.reserve(
        [
          { key: account, policy: limits.accountFromAddress },
          { key: addressKey, policy: limits.address },
        ],
        clock(),
      );
      if (!decision.allowed) {
        return { ok: false, reason: "locked", retryAfterMs: decision.retryAfterMs, knownUsername };
      }

      const release = await work.acquire();
      if (!release) {
        // Nothing was checked: the attempt does not count.
        await throttle.forgive(account);
        await throttle.forgive(addressKey);
        return { ok: false, reason: "busy", retryAfterMs: 1000, knownUsername };
      }
      let matches: boolean;
      let rehashed: string | null = null;
      try {
        // Same work whether or not the account exists: verify against a hash made with the same parameters.
        dummyHash ??= hashPassword("not a password of anyone", params);
        const hash = operator?.passwordHash ?? (await dummyHash);
        matches = await verifyPassword(password, hash);
        if (operator && matches && needsRehash(operator.passwordHash, params))
          rehashed = await hashPassword(password, params);
      } finally {
        release();
      }

      if (!operator || !matches) return { ok: false, reason: "wrong", knownUsername };
      await throttle.clear(account);
      // A success from an address is not held against it (many operators behind one NAT).
      await throttle.forgive(addressKey);
      if (rehashed !== null) await operators.setPasswordHash(operator.username, rehashed, clock());
      return { ok: true, operator: { username: operator.username, role: operator.role } };
    },
  };
}

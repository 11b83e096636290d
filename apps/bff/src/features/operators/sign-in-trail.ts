/**
 * Failed sign-ins in the audit trail, without letting anyone flood it: sign-in is reachable without
 * an account, so one row per failure would let an anonymous client write rows as fast as it can send
 * requests (429s included). Per client address and window, the first failure is one row at once (an
 * admin sees an attack start), and every later failure of the window is counted into one summary row
 * written when the window ends (or at shutdown).
 *
 * A single sign-on the console refuses (no mapped group, a token that fails the checks) is one of
 * these failures too, with the name the provider vouched for when there is one.
 *
 * What was typed as a username is recorded only when it is an operator's name: anything else may be a
 * password typed into the wrong field, and viewers can read the trail.
 */
import type { AuditEntry, AuditSink } from "../audit/trail.ts";
import type { Clock } from "./sessions.ts";

/** `sso-*`: a sign-in through the OpenID provider that the console refused (sso.ts). */
export type FailedSignInReason =
  | "wrong"
  | "locked"
  | "busy"
  | "sso-no-group"
  | "sso-failed"
  | "sso-flow-missing"
  | "sso-unavailable"
  | "sso-name-taken";

export interface FailedSignIn {
  readonly address: string;
  /** The operator's name when the username typed is one; null otherwise (never the text typed). */
  readonly knownUsername: string | null;
  readonly reason: FailedSignInReason;
  readonly requestId: string;
}

export interface FailedSignInTrail {
  record(failure: FailedSignIn): Promise<void>;
  /** Writes the summaries of windows that have ended; `all` writes every open window's (shutdown). */
  flush(all?: boolean): Promise<void>;
}

export interface FailedSignInTrailOptions {
  readonly audit: AuditSink;
  readonly clock: Clock;
  /** One summary per address per this many ms. Default 15 minutes. */
  readonly windowMs?: number;
  /** Addresses tracked at once; beyond, failures share one "other addresses" window (bounds memory and rows). */
  readonly maxAddresses?: number;
}

const REASON_TEXT: Record<FailedSignInReason, string> = {
  wrong: "wrong username or password",
  locked: "refused: sign-in paused after too many failures",
  busy: "refused: too many sign-ins being checked at once",
  "sso-no-group": "single sign-on refused: the account is in no group mapped to the console",
  "sso-failed": "single sign-on refused: the provider's answer failed the checks (see the log)",
  "sso-flow-missing":
    "single sign-on refused: no valid sign-in in progress (state missing, expired or replayed)",
  "sso-unavailable": "single sign-on failed: the provider could not be reached",
  "sso-name-taken": "single sign-on refused: the name belongs to another account of the provider",
};
const UNKNOWN = "unknown username";
const OTHER_ADDRESSES = "*";

interface Window {
  readonly start: number;
  last: number;
  count: number;
  readonly reasons: Map<FailedSignInReason, number>;
  readonly usernames: Map<string, number>;
}

function entry(fields: Pick<AuditEntry, "operator" | "resource" | "error" | "requestId">): AuditEntry {
  return {
    action: "session.sign-in",
    outcome: "failure",
    role: null,
    region: null,
    poolId: null,
    before: null,
    after: null,
    attemptId: null,
    awsRequestId: null,
    ...fields,
  };
}

function tally<K extends string>(counts: ReadonlyMap<K, number>, label: (key: K) => string = String): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${label(key)} ×${n}`)
    .join(", ");
}

export function createFailedSignInTrail(options: FailedSignInTrailOptions): FailedSignInTrail {
  const { audit, clock } = options;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const maxAddresses = options.maxAddresses ?? 1000;
  const windows = new Map<string, Window>();

  function resourceOf(address: string): string {
    return address === OTHER_ADDRESSES ? "addresses:other" : `address:${address}`;
  }

  async function writeSummary(address: string, window: Window): Promise<void> {
    if (window.count === 0) return;
    const names = [...window.usernames.keys()];
    const only = names.length === 1 && names[0] !== UNKNOWN ? (names[0] ?? null) : null;
    const seconds = Math.max(1, Math.round((window.last - window.start) / 1000));
    await audit.record(
      entry({
        operator: only,
        resource: resourceOf(address),
        error:
          `${window.count} more failed sign-in${window.count === 1 ? "" : "s"} within ${seconds} s of the first ` +
          `(${tally(window.reasons, (reason) => REASON_TEXT[reason])}); ` +
          `usernames: ${tally(window.usernames)}`,
        requestId: null,
      }),
    );
  }

  async function flush(all = false): Promise<void> {
    const now = clock();
    for (const [address, window] of [...windows]) {
      if (!all && window.start + windowMs > now) continue;
      windows.delete(address);
      await writeSummary(address, window);
    }
  }

  return {
    flush,
    async record(failure) {
      await flush();
      const now = clock();
      let address = failure.address;
      if (!windows.has(address) && windows.size >= maxAddresses) address = OTHER_ADDRESSES;
      const name = failure.knownUsername ?? UNKNOWN;
      const open = windows.get(address);
      if (open) {
        open.count++;
        open.last = now;
        open.reasons.set(failure.reason, (open.reasons.get(failure.reason) ?? 0) + 1);
        open.usernames.set(name, (open.usernames.get(name) ?? 0) + 1);
        return;
      }
      windows.set(address, { start: now, last: now, count: 0, reasons: new Map(), usernames: new Map() });
      await audit.record(
        entry({
          operator: failure.knownUsername,
          resource: resourceOf(address),
          error:
            failure.knownUsername === null && !failure.reason.startsWith("sso-")
              ? `${REASON_TEXT[failure.reason]} (${UNKNOWN})`
              : REASON_TEXT[failure.reason],
          requestId: failure.requestId,
        }),
      );
    },
  };
}

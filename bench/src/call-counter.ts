/**
 * The bench's count of the sandbox's calls. The sandbox's own `calls()` counts per operation; the
 * floor of a fleet read depends on calls per REGION (the quota is per account and region, and
 * regions are read in parallel), and "no throttling ever shown" needs the answers' status. So
 * every answered call is tallied here, as the sandbox reports it (RunningSandbox.observe): region
 * and signer from the SigV4 scope, the operation, status and AWS error type.
 *
 * Until 2026-12-02 this was an HTTP proxy in front of the sandbox. Every call then crossed two
 * servers in the bench's process, on the same two cores as the BFF, and the proxy's CPU counted
 * as the sandbox's in the organization read (issue 14).
 */
import type { RunningSandbox } from "@clc/sandbox";

export interface CallTally {
  /** region → operation → count of answers */
  byRegion: Record<string, Record<string, number>>;
  /** region → successful Cognito "user pool read" calls (ListUserPools, DescribeUserPool, GetLogDeliveryConfiguration) */
  cognitoReadsOk: Record<string, number>;
  /**
   * "<access key id> <region>" → the same reads. The quota is per account and region: the BFF signs
   * each account's calls with that account's role credentials (one access key per role session), so
   * the access key stands for the account without the counter having to know the sandbox's keys.
   */
  cognitoReadsOkByCredential: Record<string, number>;
  /** AWS error type (x-amzn-errortype or HTTP status) → count */
  errors: Record<string, number>;
  total: number;
}

const COGNITO_READS = new Set(["ListUserPools", "DescribeUserPool", "GetLogDeliveryConfiguration"]);

/**
 * One answered call as the counter saw it, for the phase timings (phases.ts): `startMs`/`endMs` since
 * the last reset (performance.now), `operation` as in the tally (`DescribeUserPool`, `AssumeRole`,
 * `ListRegions`).
 */
export interface CallEvent {
  operation: string;
  credential: string;
  startMs: number;
  endMs: number;
  status: number;
}

export interface CallCounter {
  /** Where the BFF sends its calls: the sandbox itself. */
  endpoint: string;
  tally(): CallTally;
  /** Every call answered since the last reset, in order of answer. */
  events(): CallEvent[];
  reset(): void;
  close(): Promise<void>;
}

function emptyTally(): CallTally {
  return { byRegion: {}, cognitoReadsOk: {}, cognitoReadsOkByCredential: {}, errors: {}, total: 0 };
}

export async function startCallCounter(sandbox: RunningSandbox): Promise<CallCounter> {
  let tally = emptyTally();
  let events: CallEvent[] = [];
  let epoch = performance.now();
  const stop = sandbox.observe((call) => {
    const region = call.region || "unsigned";
    const credential = `${call.accessKeyId || "unsigned"} ${region}`;
    tally.total += 1;
    const perRegion = tally.byRegion[region] ?? {};
    tally.byRegion[region] = perRegion;
    perRegion[call.operation] = (perRegion[call.operation] ?? 0) + 1;
    if (call.status >= 200 && call.status < 300) {
      if (COGNITO_READS.has(call.operation)) {
        tally.cognitoReadsOk[region] = (tally.cognitoReadsOk[region] ?? 0) + 1;
        tally.cognitoReadsOkByCredential[credential] =
          (tally.cognitoReadsOkByCredential[credential] ?? 0) + 1;
      }
    } else {
      const type = call.errorType ?? `HTTP ${call.status}`;
      tally.errors[type] = (tally.errors[type] ?? 0) + 1;
    }
    // Every answer counts in the tally; a call that arrived before the last reset has no timing in it.
    if (call.startMs >= epoch)
      events.push({
        operation: call.operation,
        credential,
        startMs: call.startMs - epoch,
        endMs: call.endMs - epoch,
        status: call.status,
      });
  });
  return {
    endpoint: sandbox.endpoint,
    tally: () => structuredClone(tally),
    events: () => [...events],
    reset() {
      tally = emptyTally();
      events = [];
      epoch = performance.now();
    },
    async close() {
      stop();
    },
  };
}

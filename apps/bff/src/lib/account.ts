import type { Deadline } from "../aws/deadline.ts";
import { raceSignal } from "../aws/deadline.ts";
import { deadlineExceeded } from "../aws/errors.ts";
import type { StsGateway } from "../aws/sts-gateway.ts";

export interface AccountService {
  /**
   * The account of the console's credentials (STS, asked once and then remembered). A caller
   * waits at most until its deadline; the lookup itself is shared and bound to no one request.
   */
  accountId(deadline?: Deadline): Promise<string>;
}

const OPERATION = "sts.GetCallerIdentity";

/** Failures are not remembered, so a fixed credential is picked up at the next call. */
export function createAccountService(deps: {
  sts: Pick<StsGateway, "callerAccount">;
  homeRegion: string;
}): AccountService {
  let pending: Promise<string> | null = null;

  function lookup(): Promise<string> {
    if (!pending) {
      const started = deps.sts.callerAccount(deps.homeRegion);
      pending = started;
      started.catch(() => {
        if (pending === started) pending = null;
      });
    }
    return pending;
  }

  function wait(lookupPromise: Promise<string>, deadline: Deadline | undefined): Promise<string> {
    if (!deadline) return lookupPromise;
    return raceSignal(lookupPromise, deadline.signal).catch((error: unknown) => {
      throw deadline.signal.aborted ? deadlineExceeded(OPERATION, deadline) : error;
    });
  }

  return {
    async accountId(deadline) {
      const joined = pending !== null;
      const first = lookup();
      try {
        return await wait(first, deadline);
      } catch (error) {
        // A lookup joined while in flight may have sent its last attempt before AWS recovered; a
        // caller that arrived later deserves one lookup of its own (the flaky recovery in faults.test.ts).
        if (!joined || deadline?.signal.aborted) throw error;
        return wait(lookup(), deadline);
      }
    },
  };
}

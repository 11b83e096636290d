import type { StsGateway } from "../aws/sts-gateway.ts";

export interface AccountService {
  /** The account of the console's credentials (STS, asked once and then remembered). */
  accountId(): Promise<string>;
}

/** Failures are not remembered, so a fixed credential is picked up at the next call. */
export function createAccountService(deps: { sts: StsGateway; homeRegion: string }): AccountService {
  let pending: Promise<string> | null = null;
  return {
    accountId() {
      if (!pending) {
        pending = deps.sts.callerAccount(deps.homeRegion);
        pending.catch(() => {
          pending = null;
        });
      }
      return pending;
    },
  };
}

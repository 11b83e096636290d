import { ListRegionsCommand } from "@aws-sdk/client-account";
import { z } from "zod";
import { createSend } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

/** The regions an account may use: ENABLED_BY_DEFAULT (not opt-in) and ENABLED (opted in). */
const USABLE = new Set(["ENABLED", "ENABLED_BY_DEFAULT"]);

const ListRegionsSchema = z.object({
  Regions: z
    .array(z.object({ RegionName: z.string().optional(), RegionOptStatus: z.string().optional() }))
    .optional(),
  NextToken: z.string().optional(),
});

export interface AccountGateway {
  /**
   * The regions the clients' account has enabled (Account Management API ListRegions, all pages of
   * at most 50; needs `account:ListRegions`). Opt-in regions being enabled or disabled (ENABLING,
   * DISABLING) count as not enabled. Throws AwsCallError (AccessDeniedException without the permission).
   */
  listRegions(deadline?: Deadline): Promise<Set<string>>;
}

export function createAccountGateway(clients: AwsClients): AccountGateway {
  const send = createSend(clients.backgroundCallBudgetMs);
  return {
    async listRegions(deadline) {
      const enabled = new Set<string>();
      let token: string | undefined;
      // 50 per page: every region AWS has fits in a handful of pages; the bound stops a token loop.
      for (let page = 0; page < 20; page++) {
        const { answer } = await send(
          "account.ListRegions",
          clients.account(),
          new ListRegionsCommand({ MaxResults: 50, NextToken: token }),
          deadline,
          ListRegionsSchema,
        );
        for (const region of answer.Regions ?? []) {
          if (region.RegionName && USABLE.has(region.RegionOptStatus ?? "")) enabled.add(region.RegionName);
        }
        token = answer.NextToken;
        if (!token) break;
      }
      return enabled;
    },
  };
}

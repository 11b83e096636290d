import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { z } from "zod";
import { createSend } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

const CallerIdentitySchema = z.object({
  Account: z.string().regex(/^\d{12}$/),
  Arn: z.string().optional(),
});

export interface StsGateway {
  /** The account the console's credentials belong to. */
  callerAccount(region: string, deadline?: Deadline): Promise<string>;
}

/** A call without the user request's deadline gets the clients' background budget of its own. */
export function createStsGateway(clients: AwsClients): StsGateway {
  const send = createSend(clients.backgroundCallBudgetMs);
  return {
    async callerAccount(region, deadline) {
      const command = new GetCallerIdentityCommand({});
      const { answer } = await send(
        "sts.GetCallerIdentity",
        clients.sts(region),
        command,
        deadline,
        CallerIdentitySchema,
      );
      return answer.Account;
    },
  };
}

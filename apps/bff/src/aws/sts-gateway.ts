import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { z } from "zod";
import { createSend } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

const CallerIdentitySchema = z.object({
  Account: z.string().regex(/^\d{12}$/),
  Arn: z.string().optional(),
});

export interface CallerIdentity {
  account: string;
  /** The principal's ARN (an assumed role's session for a member account); null when STS left it out. */
  arn: string | null;
}

export interface StsGateway {
  /** The account the console's credentials belong to. */
  callerAccount(region: string, deadline?: Deadline): Promise<string>;
  /** Who the credentials are (GetCallerIdentity needs no IAM permission: STS API reference). */
  callerIdentity(region: string, deadline?: Deadline): Promise<CallerIdentity>;
}

/** A call without the user request's deadline gets the clients' background budget of its own. */
export function createStsGateway(clients: AwsClients): StsGateway {
  const send = createSend(clients.backgroundCallBudgetMs);
  const callerIdentity = async (region: string, deadline?: Deadline): Promise<CallerIdentity> => {
    const command = new GetCallerIdentityCommand({});
    const { answer } = await send(
      "sts.GetCallerIdentity",
      clients.sts(region),
      command,
      deadline,
      CallerIdentitySchema,
    );
    return { account: answer.Account, arn: answer.Arn ?? null };
  };
  return {
    async callerAccount(region, deadline) {
      return (await callerIdentity(region, deadline)).account;
    },
    callerIdentity,
  };
}

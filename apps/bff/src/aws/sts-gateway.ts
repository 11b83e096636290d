import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { z } from "zod";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";
import { callAws, parseAwsAnswer } from "./errors.ts";

const CallerIdentitySchema = z.object({
  Account: z.string().regex(/^\d{12}$/),
  Arn: z.string().optional(),
});

export interface StsGateway {
  /** The account the console's credentials belong to. */
  callerAccount(region: string, deadline?: Deadline): Promise<string>;
}

export function createStsGateway(clients: AwsClients): StsGateway {
  return {
    async callerAccount(region, deadline) {
      const op = "sts.GetCallerIdentity";
      const answer = await callAws(
        op,
        (abortSignal) => clients.sts(region).send(new GetCallerIdentityCommand({}), { abortSignal }),
        deadline ?? clients.backgroundCallBudgetMs,
      );
      return parseAwsAnswer(CallerIdentitySchema, answer, op).Account;
    },
  };
}

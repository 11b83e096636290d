import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { z } from "zod";
import type { AwsClients } from "./clients.ts";
import { callAws, parseAwsAnswer } from "./errors.ts";

const CallerIdentitySchema = z.object({
  Account: z.string().regex(/^\d{12}$/),
  Arn: z.string().optional(),
});

export interface StsGateway {
  /** The account the console's credentials belong to. */
  callerAccount(region: string): Promise<string>;
}

export function createStsGateway(clients: AwsClients): StsGateway {
  return {
    async callerAccount(region) {
      const op = "sts.GetCallerIdentity";
      const answer = await callAws(op, () => clients.sts(region).send(new GetCallerIdentityCommand({})));
      return parseAwsAnswer(CallerIdentitySchema, answer, op).Account;
    },
  };
}

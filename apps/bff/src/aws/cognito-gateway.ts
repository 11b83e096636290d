import {
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  ListUserPoolsCommand,
  SetLogDeliveryConfigurationCommand,
  UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  type AwsLogConfigurationOut,
  AwsLogDeliveryConfigurationResponseSchema,
  POOL_TIERS,
  type PoolTier,
  THREAT_PROTECTION_MODES,
  type ThreatProtection,
} from "@clc/domain";
import { z } from "zod";
import type { ReadPacer } from "../services/read-pacer.ts";
import type { AwsClients } from "./clients.ts";
import { callAws, parseAwsAnswer } from "./errors.ts";

/** ListUserPools allows at most 60 per page. */
const LIST_PAGE_SIZE = 60;

const ListUserPoolsAnswerSchema = z.object({
  UserPools: z
    .array(z.object({ Id: z.string().min(1), Name: z.string().optional() }))
    .nullish()
    .transform((v) => v ?? []),
  NextToken: z.string().nullish(),
});

const DescribeUserPoolAnswerSchema = z.object({
  UserPool: z.object({
    Id: z.string().min(1),
    Name: z.string().optional(),
    Arn: z.string().min(1),
    // AWS defaults to ESSENTIALS (rules doc §1); an unknown tier is a shape error, not a guess.
    UserPoolTier: z.enum(POOL_TIERS).nullish(),
    UserPoolAddOns: z.object({ AdvancedSecurityMode: z.enum(THREAT_PROTECTION_MODES).nullish() }).nullish(),
  }),
});

export interface UserPoolListing {
  id: string;
  name: string;
}

export interface UserPoolDescription {
  id: string;
  name: string;
  arn: string;
  tier: PoolTier;
  threatProtection: ThreatProtection;
  requestId: string | null;
}

export interface LogDeliveryAnswer {
  /** The `LogConfigurations` list as AWS sent it (validated loosely; the domain maps it to the model). */
  logConfigurations: unknown[];
  requestId: string | null;
}

export interface CognitoGateway {
  /** Every pool of the region, all pages; `onPage` sees each page as it arrives. */
  listUserPools(region: string, onPage?: (page: UserPoolListing[]) => void): Promise<UserPoolListing[]>;
  describeUserPool(region: string, poolId: string): Promise<UserPoolDescription>;
  getLogDeliveryConfiguration(region: string, poolId: string): Promise<LogDeliveryAnswer>;
  /** One attempt only: a lost answer may hide an applied write, so callers re-read instead of retrying. */
  setLogDeliveryConfiguration(
    region: string,
    poolId: string,
    configurations: AwsLogConfigurationOut[],
  ): Promise<LogDeliveryAnswer>;
  /**
   * Turns threat protection on in audit mode. UpdateUserPool resets settings it is not given on real
   * AWS; callers must pass back what DescribeUserPool returned for the settings they keep.
   */
  setThreatProtectionAudit(region: string, poolId: string): Promise<{ requestId: string | null }>;
}

function requestIdOf(answer: { $metadata?: { requestId?: string } }): string | null {
  return answer.$metadata?.requestId ?? null;
}

export function createCognitoGateway(clients: AwsClients, pacer: ReadPacer): CognitoGateway {
  const read = <T>(region: string, op: string, call: () => Promise<T>) =>
    pacer.inSlot(region, () => callAws(`cognito-idp.${op}`, call));

  return {
    async listUserPools(region, onPage) {
      const op = "cognito-idp.ListUserPools";
      const all: UserPoolListing[] = [];
      let nextToken: string | undefined;
      do {
        const answer = await read(region, "ListUserPools", () =>
          clients
            .cognito(region, "read")
            .send(new ListUserPoolsCommand({ MaxResults: LIST_PAGE_SIZE, NextToken: nextToken })),
        );
        const page = parseAwsAnswer(ListUserPoolsAnswerSchema, answer, op);
        const pools = page.UserPools.map((p) => ({ id: p.Id, name: p.Name ?? p.Id }));
        all.push(...pools);
        onPage?.(pools);
        nextToken = page.NextToken ?? undefined;
      } while (nextToken);
      return all;
    },

    async describeUserPool(region, poolId) {
      const answer = await read(region, "DescribeUserPool", () =>
        clients.cognito(region, "read").send(new DescribeUserPoolCommand({ UserPoolId: poolId })),
      );
      const pool = parseAwsAnswer(
        DescribeUserPoolAnswerSchema,
        answer,
        "cognito-idp.DescribeUserPool",
      ).UserPool;
      return {
        id: pool.Id,
        name: pool.Name ?? pool.Id,
        arn: pool.Arn,
        tier: pool.UserPoolTier ?? "ESSENTIALS",
        threatProtection: pool.UserPoolAddOns?.AdvancedSecurityMode ?? "OFF",
        requestId: requestIdOf(answer),
      };
    },

    async getLogDeliveryConfiguration(region, poolId) {
      const answer = await read(region, "GetLogDeliveryConfiguration", () =>
        clients.cognito(region, "read").send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId })),
      );
      const parsed = parseAwsAnswer(
        AwsLogDeliveryConfigurationResponseSchema,
        answer,
        "cognito-idp.GetLogDeliveryConfiguration",
      );
      return {
        logConfigurations: parsed.LogDeliveryConfiguration?.LogConfigurations ?? [],
        requestId: requestIdOf(answer),
      };
    },

    async setLogDeliveryConfiguration(region, poolId, configurations) {
      const op = "cognito-idp.SetLogDeliveryConfiguration";
      const answer = await callAws(op, () =>
        clients
          .cognito(region, "write")
          .send(
            new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: configurations }),
          ),
      );
      const parsed = parseAwsAnswer(AwsLogDeliveryConfigurationResponseSchema, answer, op);
      return {
        logConfigurations: parsed.LogDeliveryConfiguration?.LogConfigurations ?? [],
        requestId: requestIdOf(answer),
      };
    },

    async setThreatProtectionAudit(region, poolId) {
      const answer = await callAws("cognito-idp.UpdateUserPool", () =>
        clients.cognito(region, "write").send(
          new UpdateUserPoolCommand({
            UserPoolId: poolId,
            UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
          }),
        ),
      );
      return { requestId: requestIdOf(answer) };
    },
  };
}

/** Re-exported so services can name the list type without importing the SDK. */
export type { AwsLogConfigurationOut };

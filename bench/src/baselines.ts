/**
 * Two fleet reads written the way people write them with the AWS SDK v3, for comparison with the
 * BFF's paced read. Both use the SDK's defaults (standard retry mode, 3 attempts) and read every
 * pool's description and log delivery configuration.
 */
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { SANDBOX_CREDENTIALS } from "@clc/bff";

export interface BaselineResult {
  name: string;
  wallMs: number;
  pools: number;
  /** Calls that failed after the SDK's own retries, by error name. */
  errors: Record<string, number>;
  /** Pools for which at least one of the two reads failed (what a user would see as broken rows). */
  poolsWithErrors: number;
}

export interface ListedPool {
  region: string;
  id: string;
  name: string;
}

export function clientFor(endpoint: string, region: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ region, endpoint, credentials: { ...SANDBOX_CREDENTIALS } });
}

export async function listAll(client: CognitoIdentityProviderClient, region: string): Promise<ListedPool[]> {
  const pools: ListedPool[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: nextToken }));
    for (const pool of page.UserPools ?? [])
      if (pool.Id) pools.push({ region, id: pool.Id, name: pool.Name ?? pool.Id });
    nextToken = page.NextToken;
  } while (nextToken);
  return pools;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "UnknownError";
}

class ErrorTally {
  readonly errors: Record<string, number> = {};
  readonly failedPools = new Set<string>();
  record(poolId: string, error: unknown): void {
    const name = errorName(error);
    this.errors[name] = (this.errors[name] ?? 0) + 1;
    this.failedPools.add(poolId);
  }
}

/** for region → list pages → for pool → DescribeUserPool, then GetLogDeliveryConfiguration. */
export async function sequentialLoop(endpoint: string, regions: readonly string[]): Promise<BaselineResult> {
  const started = performance.now();
  const tally = new ErrorTally();
  let count = 0;
  for (const region of regions) {
    const client = clientFor(endpoint, region);
    let pools: ListedPool[] = [];
    try {
      pools = await listAll(client, region);
    } catch (error) {
      tally.record(`list:${region}`, error);
    }
    count += pools.length;
    for (const pool of pools) {
      try {
        await client.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }));
      } catch (error) {
        tally.record(pool.id, error);
      }
      try {
        await client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: pool.id }));
      } catch (error) {
        tally.record(pool.id, error);
      }
    }
    client.destroy();
  }
  return {
    name: "sequential loop (SDK defaults)",
    wallMs: performance.now() - started,
    pools: count,
    errors: tally.errors,
    poolsWithErrors: tally.failedPools.size,
  };
}

/** List every region, then Promise.all over every pool's two reads at once. */
export async function naivePromiseAll(endpoint: string, regions: readonly string[]): Promise<BaselineResult> {
  const started = performance.now();
  const tally = new ErrorTally();
  const clients = new Map(regions.map((region) => [region, clientFor(endpoint, region)]));
  const listed = await Promise.all(
    regions.map(async (region) => {
      const client = clients.get(region);
      if (!client) return [];
      try {
        return await listAll(client, region);
      } catch (error) {
        tally.record(`list:${region}`, error);
        return [];
      }
    }),
  );
  const pools = listed.flat();
  await Promise.all(
    pools.flatMap((pool) => {
      const client = clients.get(pool.region);
      if (!client) return [];
      return [
        client
          .send(new DescribeUserPoolCommand({ UserPoolId: pool.id }))
          .catch((error: unknown) => tally.record(pool.id, error)),
        client
          .send(new GetLogDeliveryConfigurationCommand({ UserPoolId: pool.id }))
          .catch((error: unknown) => tally.record(pool.id, error)),
      ];
    }),
  );
  for (const client of clients.values()) client.destroy();
  return {
    name: "naive Promise.all (SDK defaults)",
    wallMs: performance.now() - started,
    pools: pools.length,
    errors: tally.errors,
    poolsWithErrors: tally.failedPools.size,
  };
}

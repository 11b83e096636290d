/**
 * cognito-idp (awsJson1_1, `AWSCognitoIdentityProviderService.<Op>`): the user pool operations the
 * console touches, with the service model's constraints and the log-delivery validation order of
 * shared/docs/aws-log-delivery.md §2. Messages marked "ours" are not AWS's measured text.
 *
 * One file per group of operations; this table says where each operation lives.
 */
import type { DestinationLookup } from "../../core/lookups.ts";
import { AwsError, type JsonService, type StatefulService } from "../../core/types.ts";
import { logDeliveryOperations } from "./log-delivery.ts";
import { CognitoSnapshotSchema, type CognitoState, type PoolRecord } from "./model.ts";
import { poolOperations } from "./pools.ts";

export type { LogConfiguration, PoolRecord, SecurityMode, Tier } from "./model.ts";

export interface CognitoService extends JsonService, StatefulService {
  /** All pools, for seeds, diagnostics and the delivery simulator. */
  pools(): PoolRecord[];
  /**
   * Setup path (seeds, tests; no AWS operation does this): makes a LITE pool hold threat protection
   * as pools from before feature plans still do. Throws for a pool that does not exist or is not LITE.
   */
  holdLegacyThreatProtection(poolId: string, mode: "AUDIT" | "ENFORCED"): void;
}

export function createCognitoService(
  lookup: DestinationLookup,
  random: () => number = Math.random,
): CognitoService {
  const state: CognitoState = { pools: new Map() };
  return {
    targetPrefix: "AWSCognitoIdentityProviderService",
    signingName: "cognito-idp",
    operations: {
      // CreateUserPool, UpdateUserPool, DeleteUserPool, ListUserPools, DescribeUserPool
      ...poolOperations(state, random),
      // GetLogDeliveryConfiguration, SetLogDeliveryConfiguration
      ...logDeliveryOperations(state, lookup),
    },
    pools: () => [...state.pools.values()],
    holdLegacyThreatProtection(poolId, mode) {
      const pool = state.pools.get(poolId);
      if (!pool) throw new AwsError("ResourceNotFoundException", `User pool ${poolId} does not exist.`);
      if (pool.tier !== "LITE") {
        throw new Error(
          `Only a LITE pool can hold legacy threat protection; ${poolId} is ${pool.tier} (use UpdateUserPool on PLUS).`,
        );
      }
      pool.securityMode = mode;
      pool.legacyThreatProtection = true;
    },
    snapshot: () => ({ pools: [...state.pools.values()] }),
    restore(snapshot) {
      const parsed = CognitoSnapshotSchema.safeParse(snapshot);
      if (!parsed.success) {
        throw new Error(`cognito: the saved state is not a cognito snapshot: ${parsed.error.message}`);
      }
      state.pools.clear();
      // Only what the service relies on to find a pool is checked; the rest is as the sandbox saved it.
      for (const pool of parsed.data.pools) state.pools.set(pool.id, pool as unknown as PoolRecord);
    },
  };
}

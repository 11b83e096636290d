/** Member shapes several cognito-idp operations share (botocore cognito-idp 2016-04-18), and how they find a pool. */
import { USER_POOL_ID_PATTERN } from "@clc/domain/aws-request";
import { required, str, struct } from "../../core/shapes.ts";
import { AwsError, type CallContext } from "../../core/types.ts";
import type { CognitoState, PoolRecord } from "./model.ts";

export const USER_POOL_ID = str({ min: 1, max: 55, pattern: USER_POOL_ID_PATTERN });

/** The input of the operations that take only a pool id. */
export const UserPoolIdRequest = (name: string) => struct(name, { UserPoolId: required(USER_POOL_ID) });

export const poolNotFound = (id: string) =>
  new AwsError("ResourceNotFoundException", `User pool ${id} does not exist.`);

/** The pool with that id in the caller's account and region, or AWS's not-found answer. */
export function poolIn(state: CognitoState, id: string, ctx: CallContext): PoolRecord {
  const pool = state.pools.get(id);
  if (!pool || pool.region !== ctx.region || pool.accountId !== ctx.accountId) throw poolNotFound(id);
  return pool;
}

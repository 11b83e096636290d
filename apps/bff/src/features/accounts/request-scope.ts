import type { PoolDetail } from "@clc/domain";
import type { FastifyRequest } from "fastify";
import type { Services } from "../../wiring.ts";
import { type AccountScope, asOperator } from "./service.ts";

/** The signed-in operator's name, when the auth plugin is installed (it decorates `request.operator`). */
export function operatorName(request: FastifyRequest): string | null {
  const operator = (request as unknown as { operator?: { username?: string } | null }).operator;
  return operator?.username ?? null;
}

/**
 * The account a pool route is about: `params.accountId` on the account paths; on the console's
 * older single-account paths (`/api/pools/:poolId…`, kept for links and scripts made before
 * issue 14) the account the fleet last saw the pool in, else the console's own account.
 * Throws a 404 problem for an account the console does not read.
 */
export async function scopeOfRequest(
  services: Services,
  request: FastifyRequest,
  params: { accountId?: string; poolId?: string },
): Promise<AccountScope> {
  const deadline = request.awsDeadline;
  if (params.accountId !== undefined) return services.accounts.scope(params.accountId, deadline);
  const seen = params.poolId ? services.fleet.accountOfPool(params.poolId) : null;
  return seen !== null ? services.accounts.scope(seen, deadline) : services.accounts.ownScope(deadline);
}

/**
 * Runs a route's work in its account, as its operator: a role assumed in a member account carries
 * the operator in its RoleSessionName (CloudTrail).
 */
export async function inAccount<T>(
  services: Services,
  request: FastifyRequest,
  params: { accountId?: string; poolId?: string },
  work: (scope: AccountScope) => Promise<T>,
): Promise<T> {
  const scope = await scopeOfRequest(services, request, params);
  return asOperator(operatorName(request), () => work(scope));
}

/**
 * What a pool's answer says of its account (PoolDetail.account): its name, OU path and the role
 * the console assumed there (null: the console's own credentials). Every answer that carries a pool
 * (read, write, rollback) says it, or the page shows the console's own account after a save.
 */
export function accountOfScope(scope: AccountScope): NonNullable<PoolDetail["account"]> {
  return { name: scope.entry.name, ouPath: scope.entry.ouPath, roleArn: scope.entry.roleArn };
}

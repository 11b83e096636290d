import { UserPoolIdSchema } from "@clc/domain";
import { badRequest, ServiceError } from "./errors.ts";

/** A pool id starts with its region (`eu-west-1_AbC123`). */
export function regionOfPoolId(poolId: string): string {
  const underscore = poolId.indexOf("_");
  return underscore > 0 ? poolId.slice(0, underscore) : "";
}

/** The configured region a pool lives in, or a 4xx problem before any AWS call. */
export function requireConfiguredRegion(poolId: string, regions: readonly string[]): string {
  if (!UserPoolIdSchema.safeParse(poolId).success) {
    throw badRequest(`"${poolId}" is not a user pool id.`, [
      { path: "params.poolId", message: "Expected a user pool id such as us-east-1_AbCdEf123" },
    ]);
  }
  const region = regionOfPoolId(poolId);
  if (!regions.includes(region)) {
    throw new ServiceError("not-found", "region-not-configured", "Pool not found", {
      detail: `Pool ${poolId} is in ${region || "an unknown region"}, which this console does not show.`,
      hint: `The console shows ${regions.join(", ")}; add the region to CLC_REGIONS to manage this pool.`,
    });
  }
  return region;
}

/** A region from a query string must be one the console shows. */
export function requireShownRegion(region: string, regions: readonly string[], path: string): string {
  if (!regions.includes(region)) {
    throw badRequest(`Region ${region} is not shown by this console.`, [
      { path, message: `Choose one of ${regions.join(", ")}.` },
    ]);
  }
  return region;
}

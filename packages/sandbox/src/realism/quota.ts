/**
 * Cognito's request-rate quotas: a token bucket per account + region + category, each holding one
 * second's worth of requests (AWS allows short bursts at the quota, not above it).
 */

export type QuotaCategory = "userPoolRead" | "userPoolUpdate";

const CATEGORY_OF: Record<string, QuotaCategory> = {
  ListUserPools: "userPoolRead",
  DescribeUserPool: "userPoolRead",
  GetLogDeliveryConfiguration: "userPoolRead",
  SetLogDeliveryConfiguration: "userPoolUpdate",
  UpdateUserPool: "userPoolUpdate",
  CreateUserPool: "userPoolUpdate",
  DeleteUserPool: "userPoolUpdate",
};

export function quotaCategory(signingName: string, operation: string): QuotaCategory | undefined {
  return signingName === "cognito-idp" ? CATEGORY_OF[operation] : undefined;
}

export class QuotaLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Take one token; false means the call is over quota. */
  take(key: string, rps: number, nowMs: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: rps, at: nowMs };
    bucket.tokens = Math.min(rps, bucket.tokens + ((nowMs - bucket.at) / 1000) * rps);
    bucket.at = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  reset(): void {
    this.buckets.clear();
  }
}

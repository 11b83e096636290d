/** ARNs and the account+region scopes the services keep their state under. */

/** The partition of a region, for ARNs: `aws-cn` for `cn-*`, `aws-us-gov` for `us-gov-*`, else `aws`. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** Per account+region state is kept under this key (`<account>/<region>`). */
export function scopeKey(accountId: string, region: string): string {
  return `${accountId}/${region}`;
}

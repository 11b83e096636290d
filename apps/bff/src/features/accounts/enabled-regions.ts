/**
 * An account's enabled regions (issue 14): the Account Management API's ListRegions, or, when the
 * role may not call it (AccessDeniedException) or the API is unavailable there (an unknown
 * operation, a partition without it, a server error), EC2's DescribeRegions with AllRegions=true.
 * Regions the account has not enabled are then skipped, not reported as errors.
 */
import { DEFAULT_REGIONS } from "@clc/domain";
import type { AccountGateway } from "../../aws/account-gateway.ts";
import type { Deadline } from "../../aws/deadline.ts";
import type { Ec2Gateway } from "../../aws/ec2-gateway.ts";
import { AwsCallError } from "../../aws/errors.ts";

/**
 * The regions every account has enabled and cannot disable: the commercial default Regions
 * (@clc/domain DEFAULT_REGIONS: launched before 20 March 2019), and the GovCloud and China Regions,
 * which are not opt-in. A fleet read lists an account's pools in these regions without waiting for
 * ListRegions (issue 14's org bench): its answer cannot skip them.
 */
const ENABLED_BY_DEFAULT = new Set<string>([
  ...DEFAULT_REGIONS,
  "us-gov-west-1",
  "us-gov-east-1",
  "cn-north-1",
  "cn-northwest-1",
]);

/** Whether every account has `region` enabled (it is not an opt-in Region). */
export function enabledByDefault(region: string): boolean {
  return ENABLED_BY_DEFAULT.has(region);
}

/** Where the answer came from; `null`: neither API answered (every configured region is then read). */
export type EnabledRegionsSource = "account:ListRegions" | "ec2:DescribeRegions";

export interface EnabledRegions {
  enabled: Set<string> | null;
  source: EnabledRegionsSource | null;
  /** Why each API that did not answer failed, for the log (`account:ListRegions: AccessDeniedException`). */
  failures: string[];
}

/**
 * Whether an error of ListRegions ends the account's read instead of falling back: the role could not
 * be assumed (DescribeRegions would fail the same way), or the deadline is spent.
 */
export function endsTheAccount(error: unknown): boolean {
  return error instanceof AwsCallError && (error.operation === "sts.AssumeRole" || error.kind === "timeout");
}

function why(action: string, error: unknown): string {
  return `${action}: ${error instanceof AwsCallError ? error.code : error instanceof Error ? error.message : String(error)}`;
}

/**
 * The account's enabled regions: ListRegions first, DescribeRegions when it fails for any reason but
 * those `endsTheAccount` names (which are thrown). Both failing gives `enabled: null`.
 */
export async function enabledRegions(
  gateways: { account: Pick<AccountGateway, "listRegions">; ec2: Pick<Ec2Gateway, "describeRegions"> },
  deadline: Deadline,
): Promise<EnabledRegions> {
  const failures: string[] = [];
  try {
    return { enabled: await gateways.account.listRegions(deadline), source: "account:ListRegions", failures };
  } catch (error) {
    if (endsTheAccount(error)) throw error;
    failures.push(why("account:ListRegions", error));
  }
  try {
    return { enabled: await gateways.ec2.describeRegions(deadline), source: "ec2:DescribeRegions", failures };
  } catch (error) {
    if (endsTheAccount(error)) throw error;
    failures.push(why("ec2:DescribeRegions", error));
  }
  return { enabled: null, source: null, failures };
}

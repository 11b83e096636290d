import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { z } from "zod";
import { createSend } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

/**
 * EC2's words for a region an account may use (EC2 API reference, DescribeRegions `OptInStatus`):
 * `opt-in-not-required` (a default region) and `opted-in`; `not-opted-in` is not enabled.
 */
const USABLE = new Set(["opt-in-not-required", "opted-in"]);

const DescribeRegionsSchema = z.object({
  Regions: z
    .array(z.object({ RegionName: z.string().optional(), OptInStatus: z.string().optional() }))
    .optional(),
});

/** Where DescribeRegions is asked: a region every account of the partition has (it is not opt-in). */
export const DESCRIBE_REGIONS_HOME = "us-east-1";

export interface Ec2Gateway {
  /**
   * The regions the clients' account has enabled, from EC2 DescribeRegions with AllRegions=true
   * (one answer, no paging; needs `ec2:DescribeRegions`), asked in us-east-1: the fallback when
   * `account:ListRegions` is refused. Throws AwsCallError (UnauthorizedOperation without the permission).
   */
  describeRegions(deadline?: Deadline): Promise<Set<string>>;
}

export function createEc2Gateway(clients: AwsClients): Ec2Gateway {
  const send = createSend(clients.backgroundCallBudgetMs);
  return {
    async describeRegions(deadline) {
      const { answer } = await send(
        "ec2.DescribeRegions",
        clients.ec2(DESCRIBE_REGIONS_HOME),
        new DescribeRegionsCommand({ AllRegions: true }),
        deadline,
        DescribeRegionsSchema,
      );
      const enabled = new Set<string>();
      for (const region of answer.Regions ?? []) {
        if (region.RegionName && USABLE.has(region.OptInStatus ?? "")) enabled.add(region.RegionName);
      }
      return enabled;
    },
  };
}

/**
 * What the Plus feature plan would give a pool without it, and where to change it. Shown where
 * user activity is "not applicable" because of the plan, so that state never reads as a gap.
 *
 * Sources: Cognito developer guide "User pool feature plans" (Plus adds threat protection:
 * adaptive authentication, compromised-credentials detection, and user activity logs exported to
 * CloudWatch Logs, Firehose or S3), the CLI reference of `update-user-pool`
 * (`--user-pool-tier LITE|ESSENTIALS|PLUS`, `--user-pool-add-ons AdvancedSecurityMode=…`), and
 * rules doc §1: UpdateUserPool resets every setting the request leaves out, the tier excepted.
 */
import { z } from "zod";
import type { PoolTier } from "../model.ts";

export const PlusPlanHelpSchema = z.object({
  currentTier: z.enum(["LITE", "ESSENTIALS"]),
  enables: z.array(z.string()),
  consoleUrl: z.string(),
  /**
   * The CLI commands, in order: keep the pool's current settings, then change the plan and turn on
   * threat protection in one update.
   */
  cli: z.array(z.string()),
  /** Why the update must be run with care (UpdateUserPool's reset); shown before the commands. */
  cliWarning: z.string(),
  cost: z.string(),
  pricingUrl: z.string(),
});
export type PlusPlanHelp = z.infer<typeof PlusPlanHelpSchema>;

/** The AWS console's page of one user pool. */
export function poolConsoleUrl(region: string, poolId: string): string {
  return `https://${region}.console.aws.amazon.com/cognito/v2/idp/user-pools/${encodeURIComponent(poolId)}/overview?region=${region}`;
}

/** Null for a pool on Plus already. */
export function plusPlanHelp(pool: { id: string; region: string; tier: PoolTier }): PlusPlanHelp | null {
  if (pool.tier === "PLUS") return null;
  const where = `--region ${pool.region} --user-pool-id ${pool.id}`;
  return {
    currentTier: pool.tier,
    enables: [
      "Threat protection: risk scores for each sign-in, adaptive authentication (MFA or block on risk), compromised-credentials detection",
      "User activity logs (sign-ins, sign-ups, password changes with their risk decision, IP and place) exported to a log group, Firehose stream or S3 bucket",
    ],
    consoleUrl: poolConsoleUrl(pool.region, pool.id),
    cli: [
      `aws cognito-idp describe-user-pool ${where} > ${pool.id}-before.json`,
      `aws cognito-idp update-user-pool ${where} --user-pool-tier PLUS --user-pool-add-ons AdvancedSecurityMode=AUDIT`,
    ],
    cliWarning:
      "update-user-pool replaces the whole pool configuration: every setting the command does not repeat (Lambda triggers, MFA, email and SMS settings, messages, deletion protection…) goes back to its default. Add your pool's current settings from the saved describe-user-pool output to the update, or change the plan in the AWS console, which keeps them.",
    cost: "Plus is billed per monthly active user at a higher rate than Essentials and has no free tier; threat protection in Audit or Enforced mode is part of it. Check the Cognito pricing page for your region before switching.",
    pricingUrl: "https://aws.amazon.com/cognito/pricing/",
  };
}

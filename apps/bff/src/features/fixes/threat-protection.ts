import type { CognitoGateway } from "../../aws/cognito-gateway.ts";
import { type Deadline, withDeadline } from "../../aws/deadline.ts";
import { AwsCallError } from "../../aws/errors.ts";
import { type DescribedPool, membersNotKept, updateKeepingTheRest } from "../../aws/user-pool-update.ts";
import { describeAwsFailure } from "../../lib/aws-failures.ts";
import { badRequest, ServiceError } from "../../lib/errors.ts";
import type { WriteTrail } from "../audit/trail.ts";
import { type Outcome, run, UnverifiedWrite, unchanged, writeNotChecked, writeNotKept } from "./outcome.ts";

export interface ThreatProtectionDeps {
  cognito: Pick<CognitoGateway, "describeUserPoolSettings" | "updateUserPool">;
  /** Budget of the read-back after the update (the user's deadline may be spent on the update). */
  confirmBudgetMs: number;
}

/**
 * UpdateUserPool replaces the whole pool, so the fix reads it (DescribeUserPool), sends back every
 * member with only the add-ons' mode changed (`updateKeepingTheRest`), and reads it back to check
 * that every kept member held and the mode is AUDIT. The audit records the whole pool before and
 * after. Refuses (422, nothing sent) a pool with a member it could not send back.
 */
export async function enableThreatProtection(
  deps: ThreatProtectionDeps,
  region: string,
  poolId: string,
  target: string,
  trail: WriteTrail,
  deadline: Deadline,
): Promise<Outcome> {
  if (!target.endsWith(`:userpool/${poolId}`) && target !== poolId) {
    throw badRequest("The target of enable-threat-protection must be this pool's ARN.", [
      { path: "body.target", message: `Expected the ARN of ${poolId}.` },
    ]);
  }
  const { pool } = await deps.cognito.describeUserPoolSettings(region, poolId, deadline);
  const name = typeof pool.Name === "string" ? pool.Name : poolId;
  // AWS's defaults when absent: ESSENTIALS (rules doc §1) and OFF.
  const tier = pool.UserPoolTier ?? "ESSENTIALS";
  const addOns = (pool.UserPoolAddOns ?? {}) as Record<string, unknown>;
  const mode = addOns.AdvancedSecurityMode ?? "OFF";
  if (tier !== "PLUS") {
    throw new ServiceError("not-possible", "fix-not-possible", "Threat protection needs the Plus plan", {
      detail: `${name} is on the ${String(tier)} plan.`,
      errors: [{ path: "threatProtection", message: "Threat protection needs the Plus plan." }],
      hint: "Upgrade the pool to Plus first (in the AWS console).",
    });
  }
  if (mode !== "OFF") return unchanged(`Threat protection is already ${String(mode)}.`, pool);
  // Other add-on members (AdvancedSecurityAdditionalFlows) are kept as they are.
  const plan = updateKeepingTheRest(pool, {
    UserPoolAddOns: { ...addOns, AdvancedSecurityMode: "AUDIT" },
  });
  if (!plan.ok) {
    throw new ServiceError(
      "not-possible",
      "fix-not-possible",
      "The pool cannot be updated without losing a setting",
      {
        detail: `UpdateUserPool resets every setting it is not sent, and ${plan.problems.join(" ")}`,
        hint: "Turn threat protection on in the AWS console, or update the console to a version that knows this setting.",
      },
    );
  }
  const intended = { ...pool, UserPoolAddOns: plan.request.UserPoolAddOns };
  /** The pool read back (own budget: the update is done or unknown by then), and how it differs from what was sent. */
  const readBack = async (): Promise<{
    after: DescribedPool | null;
    differences: string[];
    error?: string;
  }> => {
    try {
      const after = (
        await withDeadline(deps.confirmBudgetMs, (own) =>
          deps.cognito.describeUserPoolSettings(region, poolId, own),
        )
      ).pool;
      const differences = membersNotKept(plan.request, after, ["UserPoolAddOns"]).map(
        (d) =>
          `${d.member} was sent as ${JSON.stringify(d.sent)} and is now ${JSON.stringify(d.now ?? null)}`,
      );
      const afterMode = (after.UserPoolAddOns as Record<string, unknown> | undefined)?.AdvancedSecurityMode;
      if (afterMode !== "AUDIT") {
        differences.push(`threat protection is ${JSON.stringify(afterMode ?? "OFF")}, not AUDIT`);
      }
      return { after, differences };
    } catch (error) {
      return {
        after: null,
        differences: [],
        error: error instanceof Error ? error.message : String(error),
      };
    }
  };
  const compareHint =
    "Compare the pool in the AWS console with the before of this change in the audit trail, and restore what differs.";

  return run(region, poolId, trail, pool, intended, async () => {
    let requestId: string | null;
    try {
      // Sent once (write clients never retry).
      requestId = (await deps.cognito.updateUserPool(region, poolId, plan.request, deadline)).requestId;
    } catch (error) {
      if (!(error instanceof AwsCallError) || !error.outcomeUnknown) throw error;
      // A timeout or a 5xx: AWS may have applied it. Say what the pool holds now.
      const base = describeAwsFailure(error);
      const now = await readBack();
      const state =
        now.after === null
          ? `could not be read back either (${now.error})`
          : now.differences.length === 0
            ? "now has threat protection in audit mode and every other setting as it was"
            : `now differs from what was sent: ${now.differences.join("; ")}`;
      throw new UnverifiedWrite(
        base.kind,
        base.slug,
        base.title,
        now.after,
        error.requestId,
        `${base.options.detail ?? base.title} UpdateUserPool may or may not have been applied to ${name}: the pool ${state}.`,
        compareHint,
      );
    }
    const { after, differences, error } = await readBack();
    if (after === null) {
      throw writeNotChecked(
        requestId,
        `UpdateUserPool was accepted for ${name}, but the pool could not be read back to check that every other setting was kept (${error}).`,
        compareHint,
      );
    }
    if (differences.length > 0) {
      throw writeNotKept(
        after,
        requestId,
        `UpdateUserPool was accepted for ${name}, but reading the pool back: ${differences.join("; ")}.`,
        compareHint,
      );
    }
    return {
      changed: true,
      message: "Threat protection is now on in audit mode; every other setting of the pool was kept.",
      before: pool,
      after,
      awsRequestId: requestId,
    };
  });
}

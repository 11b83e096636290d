/**
 * What each plan step does against AWS. Every step first looks at what exists, so running it again
 * (a resumed run) reuses what is there instead of making a second one, and it records in the run's
 * ledger exactly what it created or added, which is all that cleanup will ever take back.
 */
import type { StepId } from "@clc/domain";
import type { StepContext, StepFn, StepOutcome } from "./step-kit.ts";
import { apiActivitySteps } from "./steps-api-activity.ts";
import { bucketSteps } from "./steps-bucket.ts";
import { firehoseSteps } from "./steps-firehose.ts";
import { logGroupSteps } from "./steps-log-group.ts";

export * from "./step-kit.ts";

const steps: Record<StepId, StepFn> = {
  ...logGroupSteps,
  ...bucketSteps,
  ...firehoseSteps,
  ...apiActivitySteps,
};

export async function runStep(id: StepId, ctx: StepContext): Promise<StepOutcome> {
  return steps[id](ctx);
}

import { z } from "zod";
import { raceSignal } from "../../aws/deadline.ts";
import { AwsCallError } from "../../aws/errors.ts";
import { describeAwsFailure } from "../../lib/aws-failures.ts";
import { HttpProblem } from "../../plugins/http-problem.ts";
import type { Services } from "../../wiring.ts";
import { problemResponses, type ZodApp } from "../types.ts";

const HealthSchema = z.object({ status: z.literal("ok") });
const ReadySchema = z.object({ status: z.literal("ready"), mode: z.enum(["sandbox", "aws"]) });

export function registerHealthRoutes(app: ZodApp, services: Services): void {
  app.get(
    "/healthz",
    {
      config: { access: "public" },
      schema: {
        operationId: "getHealth",
        tags: ["health"],
        summary: "Liveness: the process answers.",
        response: { 200: HealthSchema },
      },
    },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      config: { access: "public" },
      schema: {
        operationId: "getReadiness",
        tags: ["health"],
        summary:
          "Readiness: AWS (or the sandbox) answers with the configured credentials (STS, asked once), and the Cognito read worker has started.",
        response: { 200: ReadySchema, ...problemResponses(502, 503, 504) },
      },
    },
    async (request) => {
      try {
        await services.account.accountId(request.awsDeadline);
      } catch (error) {
        // The probe is public: AWS's error (account, principal, endpoint) goes to the log only.
        const cause = error instanceof AwsCallError ? describeAwsFailure(error) : null;
        request.log.warn(
          { err: error, detail: cause?.options.detail },
          "not ready: AWS (or the sandbox) did not answer the identity check",
        );
        throw new HttpProblem(503, "not-ready", "Not ready", {
          detail: "The console cannot reach AWS with its credentials yet.",
          hint: "An operator finds the cause in the console's log.",
        });
      }
      const workers = services.cognitoReadWorkers;
      if (workers) {
        try {
          // A console that cannot make Cognito reads is not ready either; within the probe's deadline.
          await raceSignal(workers.ready(), request.awsDeadline.signal);
        } catch (error) {
          request.log.error({ err: error }, "not ready: the Cognito read worker did not start");
          throw new HttpProblem(503, "not-ready", "Not ready", {
            detail: "The console's Cognito read worker has not started.",
            hint: "An operator finds the cause in the console's log; COGNITO_READ_WORKERS=0 makes the reads on the main thread.",
          });
        }
      }
      return { status: "ready" as const, mode: services.config.mode };
    },
  );
}

import {
  ApplyResponseSchema,
  AuditRecordParamsSchema,
  type RecordedChange,
  RollbackPreviewSchema,
  recordedChangeOf,
  VersionHeaderSchema,
} from "@clc/domain";
import { z } from "zod";
import { ServiceError } from "../../lib/errors.ts";
import type { AuditStore } from "../../store/types.ts";
import type { Services } from "../../wiring.ts";
import { accountOfScope, inAccount } from "../accounts/request-scope.ts";
import { trailFor } from "../audit/trail.ts";
import { withChangedBy } from "../pools/changed-by.ts";
import { requireIfMatch } from "../pools/routes.ts";
import { problemResponses, type ZodApp } from "../types.ts";

/** The change an audit record describes, or a problem in the user's terms (404, or 422 with why). */
async function recordedChange(store: AuditStore, id: string): Promise<RecordedChange> {
  let found = null;
  for await (const record of store.iterateChain({ fromId: id, throughId: id })) found = record;
  if (found === null) {
    throw new ServiceError("not-found", "audit-record-not-found", "No such audit record", {
      detail: `The audit trail has no record ${id} (it may have been pruned by the retention policy).`,
      hint: "Open the audit page and choose the change to roll back there.",
    });
  }
  const change = recordedChangeOf(found);
  if (typeof change === "string") {
    throw new ServiceError("not-possible", "not-a-change", "This record cannot be rolled back", {
      detail: change,
      hint: "Choose the success record of a log delivery change (apply, disable or an earlier rollback).",
    });
  }
  return change;
}

/**
 * Rollback from the audit trail (issue 17): restore what a change's record holds as "before", as a
 * new change on the pool's current version, previewed like any edit and recorded as
 * `log-delivery.rollback` naming the record it undoes (`undoes`). Needs the trail, so it is
 * registered only with sign-in (like the audit routes).
 */
export function registerRollbackRoutes(app: ZodApp, services: Services, store: AuditStore): void {
  app.get(
    "/api/audit/:id/rollback",
    {
      config: { access: "viewer" },
      schema: {
        operationId: "previewRollback",
        tags: ["audit"],
        summary:
          "What rolling back this record's change would do now: diff, findings, and whether the pool moved on since. ETag = the pool's version.",
        params: AuditRecordParamsSchema,
        response: { 200: RollbackPreviewSchema, ...problemResponses(400, 401, 404, 422, 502, 503, 504) },
      },
    },
    async (request, reply) => {
      const change = await recordedChange(store, request.params.id);
      const preview = await inAccount(
        services,
        request,
        { ...(change.accountId ? { accountId: change.accountId } : {}), poolId: change.poolId },
        (scope) => scope.logDelivery.rollbackPreview(change, request.awsDeadline),
      );
      return reply.header("etag", preview.version).send(preview);
    },
  );

  app.post(
    "/api/audit/:id/rollback",
    {
      config: { access: "admin" },
      schema: {
        operationId: "applyRollback",
        tags: ["audit"],
        summary:
          "Restores what this record's change replaced, on the version in If-Match; refused (409) when the pool changed again since. Answers what AWS stored.",
        params: AuditRecordParamsSchema,
        headers: z.object({ "if-match": VersionHeaderSchema.optional() }),
        response: {
          200: ApplyResponseSchema,
          ...problemResponses(400, 401, 403, 404, 409, 412, 422, 428, 502, 503, 504),
        },
      },
    },
    async (request, reply) => {
      const ifMatch = requireIfMatch(request.headers["if-match"]);
      const change = await recordedChange(store, request.params.id);
      const detail = await inAccount(
        services,
        request,
        { ...(change.accountId ? { accountId: change.accountId } : {}), poolId: change.poolId },
        async (scope) => ({
          ...(await scope.logDelivery
            .rollback(
              change,
              ifMatch,
              trailFor(services.audit, request, "log-delivery.rollback", null, scope.entry, change.recordId),
              request.awsDeadline,
            )
            .catch(async (error: unknown) => {
              throw await withChangedBy(error, services.audit, {
                accountId: scope.entry.accountId,
                poolId: change.poolId,
              });
            })),
          account: accountOfScope(scope),
        }),
      );
      return reply.header("etag", detail.version).send(detail);
    },
  );
}

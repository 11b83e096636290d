/**
 * "Apply the standard" as a batch (issue 17): the BFF, never the browser, turns the stored logging
 * standard into one batch item per pool that drifts from it.
 *
 * - Selection (`targets`): every pool the standard judges `drift` or `cannot-comply` (of the fleet's
 *   filter when one is given), on the fleet's cached reads; exempt, compliant, not governed and
 *   unread pools are left out. A `cannot-comply` pool is planned blocked with the evaluation's reasons.
 * - Change: each governed source is `set` to the standard's destination; every other source is
 *   `keep`, which the plan resolves against the pool's fresh read, so a source the standard does not
 *   govern is sent back as the pool has it (SetLogDeliveryConfiguration replaces the whole list).
 * - Destinations to create (a rule's "one log group per pool from a name template"): at plan time
 *   each is looked up; one that exists is used only if the console created it for this pool (tags
 *   `managed-by=cognito-log-console` and `cognito-user-pool=<pool id>`, domain creationTags);
 *   otherwise the pool is blocked: the console never adopts what it did not create. Before the pool
 *   is written, the run creates the missing ones with those tags and lets log delivery write to them
 *   (the log group's own resource policy, as guided creation's `log-group-policy` step does).
 */
import type {
  BatchChange,
  BatchCreate,
  BatchPoolRef,
  BatchSourceChange,
  CreateBatchRequestSchema,
  EventSource,
  Finding,
} from "@clc/domain";
import { EVENT_SOURCE_LABELS, poolKey } from "@clc/domain";
import type { z } from "zod";
import type { Deadline } from "../../aws/deadline.ts";
import type { DeliveryPolicyWriter } from "../../lib/delivery-policies.ts";
import { ServiceError } from "../../lib/errors.ts";
import type { AccountScope } from "../accounts/service.ts";
import type { AuditSink } from "../audit/trail.ts";
import { findLogGroup, logPolicyStore } from "../creation/lookups.ts";
import type { FleetService } from "../fleet/service.ts";
import type { StandardService } from "../standard/service.ts";

type CreateInput = z.output<typeof CreateBatchRequestSchema>;
export type StandardBatchInput = Extract<CreateInput, { standard: true }>;

/** One pool of a standard batch: its change, the destinations to create, or why it is blocked. */
export interface StandardTarget extends BatchPoolRef {
  change: BatchChange;
  creates: BatchCreate[];
  standardRevision: number;
  /** The pool's name as the fleet last read it (a blocked pool is not read again). */
  poolName: string;
  /** A `cannot-comply` pool: the evaluation's reasons (planned blocked, never read). */
  blocked: string | null;
}

export interface StandardPlanner {
  /** The pools to plan; 422 `standard-nothing-to-apply` when no pool drifts. */
  targets(input: StandardBatchInput): Promise<StandardTarget[]>;
  /**
   * What the plan of a pool with destinations to create makes of its findings: the "does not exist"
   * (and "no resource policy yet") findings of a log group the run creates are dropped; an existing
   * log group the console did not create for this pool blocks it (`reason`).
   */
  review(
    target: Pick<StandardTarget, "poolId" | "region" | "creates">,
    findings: Finding[],
    scope: AccountScope,
    deadline: Deadline,
  ): Promise<{ findings: Finding[]; reason: string | null; creates: BatchCreate[] }>;
  /** Creates the item's destinations (tagged, delivery allowed) before its write; throws ServiceError. */
  prepare(
    item: { batchId: string; poolId: string; region: string; accountId: string; creates: BatchCreate[] },
    scope: AccountScope,
    actor: string | null,
    deadline: Deadline,
  ): Promise<void>;
}

export interface StandardPlannerDeps {
  standard: Pick<StandardService, "evaluate">;
  fleet: Pick<FleetService, "list">;
  policies: DeliveryPolicyWriter;
  audit: AuditSink;
}

/** The tags the console puts on what it creates for a pool (domain creation/plan.ts creationTags). */
const MANAGED_BY = "cognito-log-console";
const createdTags = (poolId: string) => ({ "managed-by": MANAGED_BY, "cognito-user-pool": poolId });

/** Findings about a log group that the run is about to create (it does not exist yet, has no policy yet). */
const MOOT_FOR_CREATED = new Set(["destination-not-found", "log-group-policy-missing"]);

function notOurs(name: string, poolId: string): string {
  return `The log group ${name} already exists and was not created by this console for ${poolId}; the console never takes over a resource it did not create. Delete or rename it, or exempt the pool.`;
}

export function createStandardPlanner(deps: StandardPlannerDeps): StandardPlanner {
  /** Whether the console created this log group for this pool (its tags). */
  async function ours(scope: AccountScope, region: string, arn: string, poolId: string, deadline: Deadline) {
    const tags = await scope.gateways.logs.listLogGroupTags(region, arn, deadline);
    return tags["managed-by"] === MANAGED_BY && tags["cognito-user-pool"] === poolId;
  }

  return {
    async targets(input) {
      // The pools of the fleet's filter, when one is given (the fleet page's current view).
      let within: Set<string> | null = null;
      if (input.filter) {
        within = new Set();
        for (let offset = 0; ; offset += 500) {
          const page = deps.fleet.list({ ...input.filter, sort: "name", offset, limit: 500 });
          for (const pool of page.items) within.add(poolKey({ accountId: pool.accountId, poolId: pool.id }));
          if (page.items.length < 500) break;
        }
      }
      const targets: StandardTarget[] = [];
      let revision = 0;
      for (const state of ["drift", "cannot-comply"] as const) {
        for (let offset = 0; ; offset += 500) {
          const page = await deps.standard.evaluate({ state, offset, limit: 500 });
          revision = page.revision;
          for (const pool of page.items) {
            const ref = { accountId: pool.accountId, region: pool.region, poolId: pool.poolId };
            if (within && !within.has(poolKey(ref))) continue;
            const change: Record<EventSource, BatchSourceChange> = {
              userNotification: { action: "keep" },
              userAuthEvents: { action: "keep" },
            };
            const creates: BatchCreate[] = [];
            for (const source of pool.sources) {
              if (!source.desired) continue;
              change[source.eventSource] = { action: "set", destination: source.desired };
              if (source.create && source.desired.kind === "logGroup") {
                creates.push({
                  eventSource: source.eventSource,
                  kind: "logGroup",
                  name: source.desired.arn.replace(/^arn:[^:]+:logs:[^:]+:\d+:log-group:/, ""),
                  arn: source.desired.arn,
                });
              }
            }
            const reasons = pool.sources.flatMap((s) =>
              s.reasons.map((r) => `${EVENT_SOURCE_LABELS[s.eventSource]}: ${r.message}`),
            );
            targets.push({
              ...ref,
              poolName: pool.poolName,
              change,
              creates,
              standardRevision: page.revision,
              blocked:
                state === "cannot-comply"
                  ? `Cannot comply with the standard. ${reasons.join(" ")}`.trim()
                  : null,
            });
          }
          if (offset + 500 >= page.total) break;
        }
      }
      if (targets.length === 0) {
        throw new ServiceError(
          "not-possible",
          "standard-nothing-to-apply",
          "No pool drifts from the standard",
          {
            detail:
              revision === 0
                ? "No standard has been saved yet."
                : `Every pool${input.filter ? " of the filter" : ""} the console has read is compliant, exempt or not governed by standard revision ${revision}.`,
            hint: "Open the Standard page to see each pool's compliance; refresh the fleet if a pool changed.",
          },
        );
      }
      return targets;
    },

    async review(target, findings, scope, deadline) {
      if (target.creates.length === 0) return { findings, reason: null, creates: [] };
      const toCreate: BatchCreate[] = [];
      for (const create of target.creates) {
        const existing = await findLogGroup(scope.gateways.logs, target.region, create.name, deadline);
        if (!existing) {
          toCreate.push(create);
          continue;
        }
        if (!(await ours(scope, target.region, create.arn, target.poolId, deadline)))
          return { findings, reason: notOurs(create.name, target.poolId), creates: [] };
      }
      const creatingNow = new Set(toCreate.map((c) => c.eventSource));
      return {
        findings: findings.filter(
          (f) => !(f.eventSource && creatingNow.has(f.eventSource) && MOOT_FOR_CREATED.has(f.id)),
        ),
        reason: null,
        creates: toCreate,
      };
    },

    async prepare(item, scope, actor, deadline) {
      const accountId = scope.entry.accountId;
      for (const create of item.creates) {
        const result = await scope.gateways.logs.createLogGroup(
          item.region,
          create.name,
          createdTags(item.poolId),
          deadline,
        );
        // Made meanwhile (by someone else, or by this batch before a restart): used only if ours.
        if (result === "exists" && !(await ours(scope, item.region, create.arn, item.poolId, deadline))) {
          throw new ServiceError("not-possible", "destination-not-ours", "The log group exists already", {
            detail: notOurs(create.name, item.poolId),
          });
        }
        await deps.policies.ensureLogGroupDelivery(
          logPolicyStore({ aws: scope.gateways, region: item.region, deadline }),
          { accountId, region: item.region, logGroupArn: create.arn, scope: "log-group" },
        );
        scope.destinations.invalidate(create.arn, item.region);
        if (result === "created") {
          await deps.audit.record({
            action: "destination.create",
            outcome: "success",
            operator: actor,
            role: null,
            region: item.region,
            poolId: item.poolId,
            resource: create.arn,
            before: null,
            after: { logGroupName: create.name, tags: createdTags(item.poolId) },
            attemptId: null,
            error: null,
            requestId: `batch:${item.batchId}`,
            awsRequestId: null,
          });
        }
      }
    },
  };
}

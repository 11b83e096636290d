/**
 * The logging standard (issue 17): the shared document and its exemptions, kept in the store and
 * written on the revision they were read at (a concurrent edit is refused, never lost), every write
 * on the audit trail; and each pool's compliance, judged on the fleet's cached rows (no AWS call).
 */
import { randomUUID } from "node:crypto";
import {
  COMPLIANCE_STATES,
  type ComplianceCounts,
  type ComplianceState,
  EMPTY_STANDARD,
  type Exemption,
  type ExemptionInput,
  ExemptionInputSchema,
  evaluatePool,
  type PoolCompliance,
  type Standard,
  type StandardDocument,
  type StandardEvaluationResponse,
  type StandardPool,
  StandardSchema,
} from "@clc/domain";
import { badRequest, ServiceError } from "../../lib/errors.ts";
import type { StandardStore, StoredExemption } from "../../store/standard.ts";
import type { FleetPoolView, FleetService } from "../fleet/service.ts";
import type { StandardTrail } from "./trail.ts";

export interface StandardDeps {
  store: StandardStore;
  fleet: Pick<FleetService, "pools">;
  now?: () => number;
}

export interface ExemptionView extends Exemption {
  /** The expiry has passed: listed, no longer applied. */
  expired: boolean;
}

export interface StandardService {
  get(): Promise<StandardDocument>;
  /** Replaces the standard if `revision` is still current; 412 (`stale`) otherwise. */
  put(standard: Standard, revision: number, trail: StandardTrail): Promise<StandardDocument>;
  listExemptions(): Promise<ExemptionView[]>;
  getExemption(id: string): Promise<ExemptionView>;
  createExemption(input: ExemptionInput, trail: StandardTrail): Promise<ExemptionView>;
  updateExemption(
    id: string,
    input: ExemptionInput,
    revision: number,
    trail: StandardTrail,
  ): Promise<ExemptionView>;
  deleteExemption(id: string, revision: number, trail: StandardTrail): Promise<void>;
  /** Every pool of the fleet's rows judged now; `state` keeps one state's pools (paged, by name). */
  evaluate(query: {
    state?: ComplianceState | undefined;
    offset: number;
    limit: number;
  }): Promise<StandardEvaluationResponse>;
  /** A predicate over the fleet's rows keeping one state (the fleet list's `compliance` filter). */
  complianceFilter(state: ComplianceState): Promise<(pool: FleetPoolView) => boolean>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The pool as the standard sees it: the fleet's row and its last read. */
function standardPool({ row, read }: FleetPoolView): StandardPool {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    accountId: row.accountId,
    arn: read?.facts.arn ?? null,
    ouPath: row.ouPath,
    tier: read?.facts.tier ?? null,
    threatProtection: read?.facts.threatProtection ?? null,
    tags: read?.facts.tags ?? null,
    configuration: read?.configuration ?? null,
  };
}

export function createStandardService(deps: StandardDeps): StandardService {
  const now = deps.now ?? Date.now;

  async function get(): Promise<StandardDocument> {
    const stored = await deps.store.get();
    return {
      // Written by this BFF after validation; parsed again so a hand-edited row cannot reach the rules.
      standard:
        stored.documentJson === null ? EMPTY_STANDARD : StandardSchema.parse(JSON.parse(stored.documentJson)),
      revision: stored.revision,
      updatedAt: iso(stored.updatedAt),
      updatedBy: stored.updatedBy,
    };
  }

  function toExemption(row: StoredExemption): ExemptionView {
    const input = ExemptionInputSchema.parse(JSON.parse(row.dataJson));
    return {
      ...input,
      id: row.id,
      revision: row.revision,
      createdAt: iso(row.createdAt) ?? "",
      createdBy: row.createdBy,
      updatedAt: iso(row.updatedAt) ?? "",
      updatedBy: row.updatedBy,
      expired: input.expiresAt !== null && Date.parse(input.expiresAt) <= now(),
    };
  }

  async function listExemptions(): Promise<ExemptionView[]> {
    return (await deps.store.listExemptions()).map(toExemption);
  }

  async function existingExemption(id: string): Promise<ExemptionView> {
    const row = await deps.store.getExemption(id);
    if (!row) {
      throw new ServiceError("not-found", "exemption-not-found", "No such exemption", {
        detail: `There is no exemption ${id}: it may have been removed.`,
        hint: "Reload the exemptions (GET /api/standard/exemptions).",
      });
    }
    return toExemption(row);
  }

  const staleExemption = (current: {
    revision: number;
    updatedBy: string | null;
    updatedAt: string | null;
  }) =>
    new ServiceError("stale", "stale-revision", "The exemption changed since you read it", {
      detail: `It is at revision ${current.revision} now (changed by ${current.updatedBy ?? "someone"} at ${current.updatedAt}); your change was not saved.`,
      hint: "Reload the exemption, then make your change again on top of it.",
    });

  /** An expiry must lie ahead: an exemption that has ended already would exempt nothing. */
  function checkExpiry(input: ExemptionInput): void {
    if (input.expiresAt !== null && Date.parse(input.expiresAt) <= now()) {
      throw badRequest("The expiry has passed.", [
        { path: "expiresAt", message: "Choose an expiry in the future, or none to exempt until removed." },
      ]);
    }
  }

  /** One write: the attempt on the trail, the conditional store write, its outcome. */
  async function audited<T>(
    trail: StandardTrail,
    entry: { resource: string; before: unknown; after: unknown },
    write: () => Promise<T | null>,
    stale: () => Promise<ServiceError>,
  ): Promise<T> {
    const attemptId = await trail.attempt(entry);
    let result: T | null;
    try {
      result = await write();
    } catch (error) {
      await trail.outcome(attemptId, { ok: false, after: entry.after, error: String(error) });
      throw error;
    }
    if (result === null) {
      // Another write came between the check and this one: it is kept, this one refused.
      await trail.outcome(attemptId, {
        ok: false,
        after: entry.after,
        error: "a concurrent change came first",
      });
      throw await stale();
    }
    await trail.outcome(attemptId, { ok: true, after: entry.after, error: null });
    return result;
  }

  function judge(standard: Standard, exemptions: Exemption[], at: number) {
    return (view: FleetPoolView): PoolCompliance =>
      evaluatePool(standard, exemptions, standardPool(view), at, {
        knowledge: (destination) => view.destinations?.cachedKnowledge(destination),
        resourcePolicies: view.destinations?.cachedResourcePolicies(view.row.region) ?? null,
      });
  }

  async function judgeNow() {
    const [document, exemptions] = await Promise.all([get(), listExemptions()]);
    return { document, judgeOne: judge(document.standard, exemptions, now()) };
  }

  return {
    get,

    async put(standard, revision, trail) {
      const current = await get();
      const stale = async () => {
        const latest = await get();
        return new ServiceError("stale", "stale-revision", "The standard changed since you read it", {
          detail: `It is at revision ${latest.revision} now (changed by ${latest.updatedBy ?? "someone"} at ${latest.updatedAt}); your change was not saved.`,
          hint: "Reload the standard, then make your change again on top of it.",
        });
      };
      if (current.revision !== revision) throw await stale();
      await audited(
        trail,
        { resource: "standard:logging", before: current.standard, after: standard },
        () => deps.store.put(JSON.stringify(standard), revision, trail.operator, now()),
        stale,
      );
      return get();
    },

    listExemptions,
    getExemption: existingExemption,

    async createExemption(input, trail) {
      checkExpiry(input);
      const id = randomUUID();
      await audited(
        trail,
        { resource: `standard:exemption:${id}`, before: null, after: input },
        async () => {
          await deps.store.createExemption({
            id,
            dataJson: JSON.stringify(input),
            by: trail.operator,
            now: now(),
          });
          return true;
        },
        async () => staleExemption({ revision: 0, updatedBy: null, updatedAt: null }),
      );
      return existingExemption(id);
    },

    async updateExemption(id, input, revision, trail) {
      const current = await existingExemption(id);
      if (current.revision !== revision) throw staleExemption(current);
      checkExpiry(input);
      const { target, reason, expiresAt } = current;
      await audited(
        trail,
        { resource: `standard:exemption:${id}`, before: { target, reason, expiresAt }, after: input },
        async () =>
          (await deps.store.updateExemption(id, JSON.stringify(input), revision, trail.operator, now())) ||
          null,
        async () => staleExemption(await existingExemption(id)),
      );
      return existingExemption(id);
    },

    async deleteExemption(id, revision, trail) {
      const current = await existingExemption(id);
      if (current.revision !== revision) throw staleExemption(current);
      const { target, reason, expiresAt } = current;
      await audited(
        trail,
        { resource: `standard:exemption:${id}`, before: { target, reason, expiresAt }, after: null },
        async () => (await deps.store.deleteExemption(id, revision)) || null,
        async () => staleExemption(await existingExemption(id)),
      );
    },

    async evaluate({ state, offset, limit }) {
      const { document, judgeOne } = await judgeNow();
      const counts = Object.fromEntries(COMPLIANCE_STATES.map((s) => [s, 0])) as ComplianceCounts;
      const matching: StandardEvaluationResponse["items"] = [];
      for (const view of deps.fleet.pools()) {
        const compliance = judgeOne(view);
        counts[compliance.state] += 1;
        if (state !== undefined && compliance.state !== state) continue;
        matching.push({
          accountId: view.row.accountId,
          region: view.row.region,
          poolId: view.row.id,
          poolName: view.row.name,
          ...compliance,
        });
      }
      return {
        revision: document.revision,
        counts,
        items: matching.slice(offset, offset + limit),
        total: matching.length,
        evaluatedAt: new Date(now()).toISOString(),
      };
    },

    async complianceFilter(state) {
      const { judgeOne } = await judgeNow();
      return (view) => judgeOne(view).state === state;
    },
  };
}

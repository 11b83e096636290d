import {
  type ApplyResponse,
  applyEdit,
  type Destination,
  destinationText,
  diffConfigurations,
  EMPTY_LOG_DELIVERY,
  EVENT_SOURCE_LABELS,
  EVENT_SOURCES,
  type EventSource,
  type FieldError,
  type Finding,
  isFieldError,
  type LogDeliveryModel,
  type PoolDetail,
  type PoolFacts,
  type PreviewResponse,
  parseDestinationArn,
  planRollback,
  type RecordedChange,
  type RollbackPlan,
  type RollbackPreview,
  type SourceDiff,
  toAwsLogConfigurations,
  translateAwsError,
  validateConfiguration,
} from "@clc/domain";
import type { CognitoGateway } from "../../aws/cognito-gateway.ts";
import { type Deadline, withDeadline } from "../../aws/deadline.ts";
import { AwsCallError, deadlineExceeded } from "../../aws/errors.ts";
import { assessPool, type KnownDestinations } from "../../lib/assessment.ts";
import { describeAwsFailure } from "../../lib/aws-failures.ts";
import { ServiceError } from "../../lib/errors.ts";
import { requireConfiguredRegion } from "../../lib/regions.ts";
import type { WriteTrail } from "../audit/trail.ts";
import type { DestinationService } from "../destinations/service.ts";
import type { AccountFleet, PoolRead } from "../fleet/service.ts";
import { versionOf } from "./version.ts";

export interface WriteRequest {
  poolId: string;
  eventSource: EventSource;
  /** null disables the event source. */
  destination: Destination | null;
  ifMatch: string;
}

/** Each takes the user request's deadline: all its AWS calls share it (plugins/deadlines.ts). */
export interface LogDeliveryService {
  detail(poolId: string, deadline: Deadline): Promise<PoolDetail>;
  preview(
    poolId: string,
    eventSource: EventSource,
    destination: Destination,
    deadline: Deadline,
  ): Promise<PreviewResponse>;
  write(request: WriteRequest, trail: WriteTrail, deadline: Deadline): Promise<ApplyResponse>;
  /** What restoring a recorded change's "before" would do now (issue 17's rollback); writes nothing. */
  rollbackPreview(recorded: RecordedChange, deadline: Deadline): Promise<RollbackPreview>;
  /**
   * Restores the sources `recorded` changed to their "before", on version `ifMatch`. Throws `stale`
   * (412) when the pool moved on since the preview, `conflict` (409) when it changed again since the
   * recorded change (the rollback would overwrite that later change).
   */
  rollback(
    recorded: RecordedChange,
    ifMatch: string,
    trail: WriteTrail,
    deadline: Deadline,
  ): Promise<ApplyResponse>;
  /**
   * A batch's plan of one pool (features/batches): what `desired(current)` would do, judged on every
   * event source it changes, as `preview` judges one; with the pool's facts and what AWS holds, and
   * `unsendable` when AWS holds entries a Set could not send back.
   */
  previewConfiguration(
    poolId: string,
    desired: (current: LogDeliveryModel) => LogDeliveryModel,
    deadline: Deadline,
  ): Promise<PreviewResponse & { pool: PoolFacts; current: LogDeliveryModel; unsendable: string | null }>;
  /**
   * A batch's write of one pool: the whole `desired` configuration on the version `ifMatch`, through
   * the same checks as `write` (412 `version-mismatch` when the pool changed, 422 when a check
   * blocks); answers what AWS stored. Reads nothing beyond the write's own re-read and confirmation.
   */
  writeConfiguration(
    request: { poolId: string; desired: LogDeliveryModel; ifMatch: string },
    trail: WriteTrail,
    deadline: Deadline,
  ): Promise<{ configuration: LogDeliveryModel; version: string }>;
}

export interface LogDeliveryDeps {
  regions: readonly string[];
  cognito: Pick<CognitoGateway, "setLogDeliveryConfiguration">;
  fleet: Pick<
    AccountFleet,
    "readPool" | "readConfiguration" | "store" | "invalidate" | "reassessDestinations"
  >;
  destinations: Pick<DestinationService, "knowledge" | "resourcePolicies">;
  /**
   * The fresh budget of the read that confirms what AWS stored after a Set (answered, failed or
   * cut off by the request's deadline): a deadline spent on the Set must not leave the user
   * without knowing whether the change landed.
   */
  confirmBudgetMs: number;
}

/** A blocking finding, said on the field the user chose (for 422 answers). */
function findingToFieldError(finding: Finding): FieldError {
  return { path: finding.eventSource ? `${finding.eventSource}.destination` : "", message: finding.message };
}

/** The sources a change sets to a new destination: what must be judged (a removal needs no check). */
function changedSources(diff: readonly SourceDiff[], desired: LogDeliveryModel): EventSource[] {
  return diff
    .filter((d) => d.change !== "unchanged" && desired[d.eventSource] !== null)
    .map((d) => d.eventSource);
}

/**
 * Whether AWS already holds `desired` exactly: the same version (the configuration as a set of
 * destinations) and no entry the model normalized. Of the normalized entries only a wrong log level
 * gets this far (a change refuses the others first): AWS accepts one level per event source, so a
 * Set would correct it, and it must be sent.
 */
export function holdsAlready(read: PoolRead, desired: LogDeliveryModel): boolean {
  return versionOf(desired) === versionOf(read.configuration) && read.configurationProblems.length === 0;
}

export function createLogDeliveryService(deps: LogDeliveryDeps): LogDeliveryService {
  /** Writes to one pool run one after another, so this process never races itself. */
  const poolLocks = new Map<string, Promise<unknown>>();
  function exclusive<T>(poolId: string, work: () => Promise<T>): Promise<T> {
    const previous = poolLocks.get(poolId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    poolLocks.set(poolId, tail);
    void tail.then(() => {
      if (poolLocks.get(poolId) === tail) poolLocks.delete(poolId);
    });
    return run;
  }

  async function knownDestinations(
    pool: PoolFacts,
    configuration: LogDeliveryModel,
    deadline: Deadline,
    fresh: boolean,
    strict: boolean,
  ): Promise<KnownDestinations> {
    const known: KnownDestinations = {};
    await Promise.all(
      EVENT_SOURCES.map(async (source) => {
        const destination = configuration[source];
        if (!destination) return;
        const lookup = deps.destinations.knowledge(destination, pool.region, deadline, { fresh });
        // A view shows a destination that cannot be described now as judged from its ARN alone. A
        // change is not judged so: its blocking findings (a missing policy, tag or key grant) would
        // go unseen and the change be sent, so the lookup's failure is the answer.
        known[source] = strict ? await lookup : await lookup.catch(() => null);
      }),
    );
    return known;
  }

  /**
   * Findings of `configuration` on a pool whose stored configuration is `stored`. `fresh` reads the
   * destinations from AWS whatever the cache holds (views that show them: a fact changed elsewhere
   * must not read "OK" for a cache lifetime).
   */
  async function findingsOf(
    pool: PoolFacts,
    configuration: LogDeliveryModel,
    stored: LogDeliveryModel,
    deadline: Deadline,
    { fresh = false, strict = false }: { fresh?: boolean; strict?: boolean } = {},
  ) {
    const needsPolicies = EVENT_SOURCES.some((s) => configuration[s]?.kind === "logGroup");
    // Policies first: a log group's lookup judges its delivery policy on them (rules doc §3).
    const readPolicies = () => deps.destinations.resourcePolicies(pool.region, deadline, { fresh });
    const policies = needsPolicies
      ? await (strict ? readPolicies() : readPolicies().catch(() => null))
      : null;
    const known = await knownDestinations(pool, configuration, deadline, fresh, strict);
    return { known, findings: assessPool(pool, configuration, known, policies, stored) };
  }

  /** The pool page: re-reads every destination it shows, and the fleet row follows what it found. */
  async function toDetail(read: PoolRead, deadline: Deadline): Promise<PoolDetail> {
    const { known, findings } = await findingsOf(
      read.facts,
      read.configuration,
      read.configuration,
      deadline,
      { fresh: true },
    );
    deps.fleet.reassessDestinations(
      EVENT_SOURCES.flatMap((s) => {
        const d = read.configuration[s];
        return d ? [d] : [];
      }),
    );
    const info = (source: EventSource) => {
      const k = known[source];
      return k && !("notFound" in k) ? k : null;
    };
    return {
      pool: read.facts,
      configuration: read.configuration,
      version: versionOf(read.configuration),
      destinations: { userNotification: info("userNotification"), userAuthEvents: info("userAuthEvents") },
      findings,
      readAt: new Date(read.readAt).toISOString(),
    };
  }

  /** Validation and preflight of the desired configuration, judged only on the edited source. */
  async function judge(
    facts: PoolFacts,
    desired: LogDeliveryModel,
    stored: LogDeliveryModel,
    eventSource: EventSource,
    deadline: Deadline,
  ) {
    const edited: LogDeliveryModel = { ...EMPTY_LOG_DELIVERY, [eventSource]: desired[eventSource] };
    const errors = validateConfiguration(edited, facts);
    const { findings } =
      errors.length > 0
        ? { findings: [] as Finding[] }
        : await findingsOf(facts, edited, stored, deadline, { strict: true });
    const blocking = findings.filter((f) => f.severity === "block");
    return { errors, findings, canApply: errors.length === 0 && blocking.length === 0, blocking };
  }

  return {
    async detail(poolId, deadline) {
      const region = requireConfiguredRegion(poolId, deps.regions);
      return toDetail(await deps.fleet.readPool(region, poolId, { deadline }), deadline);
    },

    async preview(poolId, eventSource, destination, deadline) {
      const region = requireConfiguredRegion(poolId, deps.regions);
      const read = await deps.fleet.readPool(region, poolId, { fresh: true, deadline });
      const desired = applyEdit(read.configuration, eventSource, destination);
      const verdict = await judge(read.facts, desired, read.configuration, eventSource, deadline);
      return {
        desired,
        diff: diffConfigurations(read.configuration, desired),
        errors: verdict.errors,
        findings: verdict.findings,
        canApply: verdict.canApply,
        sendsNothing: holdsAlready(read, desired),
        version: versionOf(read.configuration),
      };
    },

    async write(request, trail, deadline) {
      const region = requireConfiguredRegion(request.poolId, deps.regions);
      // Reject an ARN that cannot be one before any AWS call.
      if (request.destination) {
        const parsed = parseDestinationArn(request.destination.arn, `${request.eventSource}.destination.arn`);
        if (isFieldError(parsed)) {
          throw new ServiceError("not-possible", "invalid-configuration", "The change cannot be applied", {
            detail: parsed.message,
            errors: [parsed],
            hint: "Correct the destination and try again.",
          });
        }
      }
      const { read, written } = await change(
        region,
        request.poolId,
        request.ifMatch,
        trail,
        deadline,
        (current) => ({
          desired: applyEdit(current.configuration, request.eventSource, request.destination),
          judged: request.destination ? [request.eventSource] : [],
        }),
      );
      return { ...(await toDetail(read, deadline)), written };
    },

    async rollbackPreview(recorded, deadline) {
      const region = requireConfiguredRegion(recorded.poolId, deps.regions);
      const read = await deps.fleet.readPool(region, recorded.poolId, { fresh: true, deadline });
      const plan = planRollback(recorded, read.configuration);
      const verdict = await judgeSources(
        read.facts,
        plan.desired,
        read.configuration,
        restored(plan),
        deadline,
      );
      return {
        recordId: recorded.recordId,
        accountId: recorded.accountId,
        region,
        poolId: recorded.poolId,
        poolName: read.facts.name,
        recorded: { before: recorded.before, after: recorded.after },
        movedOn: plan.movedOn,
        desired: plan.desired,
        diff: diffConfigurations(read.configuration, plan.desired),
        errors: verdict.errors,
        findings: verdict.findings,
        canApply: plan.movedOn.length === 0 && verdict.canApply,
        sendsNothing: holdsAlready(read, plan.desired),
        version: versionOf(read.configuration),
      };
    },

    async rollback(recorded, ifMatch, trail, deadline) {
      const region = requireConfiguredRegion(recorded.poolId, deps.regions);
      const { read, written } = await change(region, recorded.poolId, ifMatch, trail, deadline, (current) => {
        const plan = planRollback(recorded, current.configuration);
        if (plan.movedOn.length > 0) {
          throw new ServiceError(
            "conflict",
            "rollback-moved-on",
            "The pool changed again since that change",
            {
              detail: `${plan.movedOn
                .map(
                  (m) =>
                    `${EVENT_SOURCE_LABELS[m.eventSource]}: record ${recorded.recordId} left ${destinationText(m.recorded)}, AWS now holds ${destinationText(m.now)}.`,
                )
                .join(" ")} Rolling back would overwrite that later change, so nothing was changed.`,
              hint: "Roll back the later change first (its record is in the audit), or edit the pool directly.",
            },
          );
        }
        return { desired: plan.desired, judged: restored(plan) };
      });
      return { ...(await toDetail(read, deadline)), written };
    },

    async previewConfiguration(poolId, makeDesired, deadline) {
      const region = requireConfiguredRegion(poolId, deps.regions);
      const read = await deps.fleet.readPool(region, poolId, { fresh: true, deadline });
      const desired = makeDesired(read.configuration);
      const diff = diffConfigurations(read.configuration, desired);
      const unsendable = read.configurationProblems.filter((p) => p.reason !== "wrong-level");
      const verdict = await judgeSources(
        read.facts,
        desired,
        read.configuration,
        changedSources(diff, desired),
        deadline,
      );
      return {
        pool: read.facts,
        current: read.configuration,
        desired,
        diff,
        errors: verdict.errors,
        findings: verdict.findings,
        canApply: verdict.canApply && unsendable.length === 0,
        sendsNothing: holdsAlready(read, desired),
        version: versionOf(read.configuration),
        unsendable: unsendable.length > 0 ? unsendable.map((p) => p.message).join(" ") : null,
      };
    },

    async writeConfiguration(request, trail, deadline) {
      const region = requireConfiguredRegion(request.poolId, deps.regions);
      for (const source of EVENT_SOURCES) {
        const destination = request.desired[source];
        if (!destination) continue;
        const parsed = parseDestinationArn(destination.arn, `${source}.destination.arn`);
        if (isFieldError(parsed)) {
          throw new ServiceError("not-possible", "invalid-configuration", "The change cannot be applied", {
            detail: parsed.message,
            errors: [parsed],
            hint: "Correct the destination and try again.",
          });
        }
      }
      // A batch answers only what AWS stored: no destination reads beyond the write's own.
      const { read } = await change(region, request.poolId, request.ifMatch, trail, deadline, (current) => ({
        desired: request.desired,
        judged: changedSources(diffConfigurations(current.configuration, request.desired), request.desired),
      }));
      return { configuration: read.configuration, version: versionOf(read.configuration) };
    },
  };

  /** The sources a rollback sends to a destination (a restored "off" needs no preflight). */
  function restored(plan: RollbackPlan): EventSource[] {
    return plan.sources.filter((source) => plan.desired[source] !== null);
  }

  /** `judge` over several edited sources (a rollback may restore both). */
  async function judgeSources(
    facts: PoolFacts,
    desired: LogDeliveryModel,
    stored: LogDeliveryModel,
    sources: readonly EventSource[],
    deadline: Deadline,
  ) {
    const verdicts = await Promise.all(sources.map((s) => judge(facts, desired, stored, s, deadline)));
    const errors = verdicts.flatMap((v) => v.errors);
    const blocking = verdicts.flatMap((v) => v.blocking);
    return {
      errors,
      findings: verdicts.flatMap((v) => v.findings),
      blocking,
      canApply: errors.length === 0 && blocking.length === 0,
    };
  }

  /**
   * One change to a pool's log delivery, serialized per pool: re-reads what AWS holds, refuses a
   * stale `ifMatch` (recording the refusal), refuses a configuration the console cannot send back
   * whole, lets `edit` compute the desired configuration from what AWS holds, judges the sources it
   * names, then records the attempt, sends the Set, confirms what AWS stored and records the outcome.
   * A desired configuration AWS already holds (holdsAlready) sends no Set, records nothing and
   * answers `written: false`.
   */
  function change(
    region: string,
    poolId: string,
    ifMatch: string,
    trail: WriteTrail,
    deadline: Deadline,
    edit: (current: PoolRead) => { desired: LogDeliveryModel; judged: readonly EventSource[] },
  ): Promise<{ read: PoolRead; written: boolean }> {
    return exclusive(poolId, async () => {
      // Re-read right before Set: the version the user saw must still be what AWS holds. A fresh
      // read fetches the pool and its configuration together (and refreshes the cache).
      const current = await deps.fleet.readPool(region, poolId, { fresh: true, deadline });
      const facts = current.facts;
      const currentVersion = versionOf(current.configuration);
      if (currentVersion !== ifMatch) {
        const detail = `It is now version ${currentVersion}; your change was made on ${ifMatch}. Nothing was changed.`;
        // A refused write is part of the story of the pool (issue 19): who tried, on what version.
        await trail.refused({
          region,
          poolId,
          before: current.configuration,
          after: null,
          error: `Refused (412): the configuration changed since it was loaded. ${detail}`,
        });
        throw new ServiceError("stale", "version-mismatch", "The configuration changed since you loaded it", {
          detail,
          hint: "Review what is stored now (in current), then apply your change again on top of it.",
          current: { configuration: current.configuration, version: currentVersion },
        });
      }
      // Set replaces the whole list: an entry the model cannot carry (an event source the console
      // does not know, two destinations in one entry…) would be dropped by sending the model back.
      // A wrong level is carried (AWS accepts only the one level the model sends).
      const unsendable = current.configurationProblems.filter((p) => p.reason !== "wrong-level");
      if (unsendable.length > 0) {
        throw new ServiceError(
          "not-possible",
          "invalid-configuration",
          "The pool's configuration cannot be kept whole",
          {
            detail: `SetLogDeliveryConfiguration replaces every entry, and the console cannot send back what AWS holds now: ${unsendable.map((p) => p.message).join(" ")} Nothing was changed.`,
            hint: "Change this pool's log delivery in the AWS console, or update the console to a version that knows these entries.",
          },
        );
      }
      const { desired, judged } = edit(current);
      // AWS holds this already: a Set would change nothing, so none is sent, nothing is recorded (no
      // write happened) and the unchanged destination is not judged again (its findings are the
      // pool's, shown with it; only a Set needs them to pass). Before, such a save sent the Set and
      // audited a "change" whose before and after were the same.
      if (holdsAlready(current, desired)) return { read: current, written: false };
      if (judged.length > 0) {
        const verdict = await judgeSources(facts, desired, current.configuration, judged, deadline);
        if (!verdict.canApply) {
          throw new ServiceError("not-possible", "invalid-configuration", "The change cannot be applied", {
            detail: [...verdict.errors.map((e) => e.message), ...verdict.blocking.map((f) => f.message)].join(
              " ",
            ),
            errors: [...verdict.errors, ...verdict.blocking.map(findingToFieldError)],
            hint: "Correct the destination (or use the suggested fix) and try again.",
          });
        }
      }

      const sent = toAwsLogConfigurations(desired);
      // Reads that spent the whole budget leave nothing to send: say so before an attempt is recorded.
      if (deadline.signal.aborted)
        throw deadlineExceeded("cognito-idp.SetLogDeliveryConfiguration", deadline, { sent: false });
      const attemptId = await trail.attempt({
        region,
        poolId,
        before: current.configuration,
        after: desired,
      });
      let setRequestId: string | null = null;
      try {
        // Sent once (write clients never retry); a Set cut off by the deadline has an unknown outcome.
        setRequestId = (await deps.cognito.setLogDeliveryConfiguration(region, poolId, sent, deadline))
          .requestId;
      } catch (error) {
        deps.fleet.invalidate(poolId);
        const failure = error instanceof AwsCallError ? error : null;
        const message = error instanceof Error ? error.message : String(error);
        if (failure?.outcomeUnknown) {
          // AWS may have applied it (no answer in time, a 5xx, a lost answer): what it holds now
          // decides the record. Before, a change that landed was audited as a failure with no
          // "after", so it could not be rolled back.
          const now = await confirmStored(region, poolId, facts).catch(() => null);
          if (now) deps.fleet.store(now);
          const landed = now !== null && versionOf(now.configuration) === versionOf(desired);
          await trail.outcome(attemptId, {
            region,
            poolId,
            ok: landed,
            after: now ? now.configuration : null,
            error: landed ? `${message} A re-read found the change applied.` : message,
            awsRequestId: failure.requestId,
          });
          // Applied after all (its answer was lost or failed): the change is done, as the user asked.
          if (landed && now) return { read: now, written: true };
          throw unknownOutcomeProblem(failure, now);
        }
        await trail.outcome(attemptId, {
          region,
          poolId,
          ok: false,
          after: null,
          error: message,
          awsRequestId: failure?.requestId ?? null,
        });
        if (!failure) throw error;
        throw setFailureProblem(failure, sent);
      }

      deps.fleet.invalidate(poolId);
      const stored = await confirmStored(region, poolId, facts);
      deps.fleet.store(stored);
      await trail.outcome(attemptId, {
        region,
        poolId,
        ok: true,
        after: stored.configuration,
        error: null,
        awsRequestId: setRequestId,
      });
      return { read: stored, written: true };
    });
  }

  /** What AWS holds after a Set, read within a fresh short budget of its own (see confirmBudgetMs). */
  function confirmStored(region: string, poolId: string, facts: PoolFacts): Promise<PoolRead> {
    return withDeadline(
      deps.confirmBudgetMs,
      (own) => deps.fleet.readConfiguration(region, poolId, facts, own),
      "write",
    );
  }

  /**
   * A Set whose outcome is unknown as the user should see it: what AWS holds now (`now`, read after
   * it), or that it could not be read.
   */
  function unknownOutcomeProblem(failure: AwsCallError, now: PoolRead | null): ServiceError {
    const base = describeAwsFailure(failure);
    if (now)
      return new ServiceError(base.kind, base.slug, base.title, {
        detail: `${base.options.detail ?? ""} The change was not retried; AWS now holds the configuration in current.`,
        hint: "Check current: if it already shows your change, nothing more is needed; otherwise apply again.",
        current: { configuration: now.configuration, version: versionOf(now.configuration) },
      });
    return new ServiceError(base.kind, base.slug, base.title, {
      detail: `${base.options.detail ?? ""} Whether the change was applied is unknown.`,
      hint: "Reload the pool to see what AWS holds before trying again.",
    });
  }

  /** A failed Set AWS answered (not applied) as the user should see it. */
  function setFailureProblem(failure: AwsCallError, sent: unknown[]): ServiceError {
    const translated = translateAwsError({ code: failure.code, message: failure.message }, sent);
    const ref = failure.requestId ? ` (AWS request id ${failure.requestId})` : "";
    if (translated.errors.length > 0) {
      return new ServiceError("not-possible", "aws-rejected", "AWS rejected the change", {
        detail: `${translated.detail}${ref}`,
        errors: translated.errors,
        hint: translated.hint ?? "Correct the highlighted fields and try again.",
      });
    }
    const base = describeAwsFailure(failure);
    return new ServiceError(base.kind, base.slug, base.title, {
      detail: `${translated.detail}${ref}`,
      hint: translated.hint ?? base.options.hint ?? "Try again.",
      ...(base.options.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: base.options.retryAfterSeconds }
        : {}),
    });
  }
}

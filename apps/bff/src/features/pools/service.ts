import {
  applyEdit,
  type Destination,
  diffConfigurations,
  EMPTY_LOG_DELIVERY,
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
  write(request: WriteRequest, trail: WriteTrail, deadline: Deadline): Promise<PoolDetail>;
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
  ): Promise<KnownDestinations> {
    const known: KnownDestinations = {};
    await Promise.all(
      EVENT_SOURCES.map(async (source) => {
        const destination = configuration[source];
        if (!destination) return;
        // A destination that cannot be described now is judged from its ARN alone.
        known[source] = await deps.destinations
          .knowledge(destination, pool.region, deadline, { fresh })
          .catch(() => null);
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
    fresh = false,
  ) {
    const needsPolicies = EVENT_SOURCES.some((s) => configuration[s]?.kind === "logGroup");
    // Policies first: a log group's lookup judges its delivery policy on them (rules doc §3).
    const policies = needsPolicies
      ? await deps.destinations.resourcePolicies(pool.region, deadline, { fresh }).catch(() => null)
      : null;
    const known = await knownDestinations(pool, configuration, deadline, fresh);
    return { known, findings: assessPool(pool, configuration, known, policies, stored) };
  }

  /** The pool page: re-reads every destination it shows, and the fleet row follows what it found. */
  async function toDetail(read: PoolRead, deadline: Deadline): Promise<PoolDetail> {
    const { known, findings } = await findingsOf(
      read.facts,
      read.configuration,
      read.configuration,
      deadline,
      true,
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

  /** Validation and preflight of the desired configuration, judged only on the edited sources. */
  async function judge(
    facts: PoolFacts,
    desired: LogDeliveryModel,
    stored: LogDeliveryModel,
    eventSources: readonly EventSource[],
    deadline: Deadline,
  ) {
    const edited: LogDeliveryModel = { ...EMPTY_LOG_DELIVERY };
    for (const source of eventSources) edited[source] = desired[source];
    const errors = validateConfiguration(edited, facts);
    const { findings } =
      errors.length > 0 ? { findings: [] as Finding[] } : await findingsOf(facts, edited, stored, deadline);
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
      const verdict = await judge(read.facts, desired, read.configuration, [eventSource], deadline);
      return {
        desired,
        diff: diffConfigurations(read.configuration, desired),
        errors: verdict.errors,
        findings: verdict.findings,
        canApply: verdict.canApply,
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
      return exclusive(request.poolId, async () =>
        toDetail(
          await writeDesired(
            region,
            request.poolId,
            request.ifMatch,
            (current) => applyEdit(current, request.eventSource, request.destination),
            () => (request.destination ? [request.eventSource] : []),
            trail,
            deadline,
          ),
          deadline,
        ),
      );
    },

    async previewConfiguration(poolId, makeDesired, deadline) {
      const region = requireConfiguredRegion(poolId, deps.regions);
      const read = await deps.fleet.readPool(region, poolId, { fresh: true, deadline });
      const desired = makeDesired(read.configuration);
      const diff = diffConfigurations(read.configuration, desired);
      const unsendable = read.configurationProblems.filter((p) => p.reason !== "wrong-level");
      const verdict = await judge(
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
      const stored = await exclusive(request.poolId, () =>
        writeDesired(
          region,
          request.poolId,
          request.ifMatch,
          () => request.desired,
          (current, desired) => changedSources(diffConfigurations(current, desired), desired),
          trail,
          deadline,
        ),
      );
      return { configuration: stored.configuration, version: versionOf(stored.configuration) };
    },
  };

  /**
   * The one write path: re-reads the pool right before Set, refuses a version other than `ifMatch`
   * (412) or a configuration it cannot send back whole (422), judges the `judged` sources of
   * `edit(current)` (422 when blocked), records the attempt, sends Set once, confirms what AWS stored
   * and records the outcome. Call it inside `exclusive(poolId, …)`.
   */
  async function writeDesired(
    region: string,
    poolId: string,
    ifMatch: string,
    edit: (current: LogDeliveryModel) => LogDeliveryModel,
    judged: (current: LogDeliveryModel, desired: LogDeliveryModel) => EventSource[],
    trail: WriteTrail,
    deadline: Deadline,
  ): Promise<PoolRead> {
    // Re-read right before Set: the version the user saw must still be what AWS holds. A fresh
    // read fetches the pool and its configuration together (and refreshes the cache).
    const current = await deps.fleet.readPool(region, poolId, { fresh: true, deadline });
    const facts = current.facts;
    const currentVersion = versionOf(current.configuration);
    if (currentVersion !== ifMatch) {
      throw new ServiceError("stale", "version-mismatch", "The configuration changed since you loaded it", {
        detail: `It is now version ${currentVersion}; your change was made on ${ifMatch}. Nothing was changed.`,
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
    const desired = edit(current.configuration);
    const sources = judged(current.configuration, desired);
    if (sources.length > 0) {
      const verdict = await judge(facts, desired, current.configuration, sources, deadline);
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
    if (deadline.signal.aborted) throw deadlineExceeded("cognito-idp.SetLogDeliveryConfiguration", deadline);
    const attemptId = await trail.attempt({
      region,
      poolId: poolId,
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
      await trail.outcome(attemptId, {
        region,
        poolId: poolId,
        ok: false,
        after: null,
        error: error instanceof Error ? error.message : String(error),
        awsRequestId: failure?.requestId ?? null,
      });
      if (!failure) throw error;
      throw await setFailureProblem(failure, region, poolId, facts, sent);
    }

    deps.fleet.invalidate(poolId);
    const stored = await confirmStored(region, poolId, facts);
    deps.fleet.store(stored);
    await trail.outcome(attemptId, {
      region,
      poolId: poolId,
      ok: true,
      after: stored.configuration,
      error: null,
      awsRequestId: setRequestId,
    });
    return stored;
  }

  /** What AWS holds after a Set, read within a fresh short budget of its own (see confirmBudgetMs). */
  function confirmStored(region: string, poolId: string, facts: PoolFacts): Promise<PoolRead> {
    return withDeadline(
      deps.confirmBudgetMs,
      (own) => deps.fleet.readConfiguration(region, poolId, facts, own),
      "write",
    );
  }

  /** A failed Set as the user should see it; when its outcome is unknown, what AWS holds now. */
  async function setFailureProblem(
    failure: AwsCallError,
    region: string,
    poolId: string,
    facts: PoolFacts,
    sent: unknown[],
  ): Promise<ServiceError> {
    if (failure.outcomeUnknown) {
      const base = describeAwsFailure(failure);
      try {
        const now = await confirmStored(region, poolId, facts);
        deps.fleet.store(now);
        return new ServiceError(base.kind, base.slug, base.title, {
          detail: `${base.options.detail ?? ""} The change was not retried; AWS now holds the configuration in current.`,
          hint: "Check current: if it already shows your change, nothing more is needed; otherwise apply again.",
          current: { configuration: now.configuration, version: versionOf(now.configuration) },
        });
      } catch {
        return new ServiceError(base.kind, base.slug, base.title, {
          detail: `${base.options.detail ?? ""} Whether the change was applied is unknown.`,
          hint: "Reload the pool to see what AWS holds before trying again.",
        });
      }
    }
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

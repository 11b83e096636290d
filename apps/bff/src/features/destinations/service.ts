import {
  type BucketInfo,
  bucketPolicyHasDelivery,
  type Destination,
  type DestinationInfo,
  type DestinationKind,
  type DestinationKnowledge,
  type DestinationListQuerySchema,
  type DestinationListResponse,
  type FirehoseInfo,
  isFieldError,
  isSseKms,
  kmsKeyManagerOf,
  LOG_DELIVERY_TAG,
  type LogGroupInfo,
  type LogGroupPolicy,
  logGroupDeliveryGrant,
  parseDestinationArn,
  type ResourcePolicy,
} from "@clc/domain";
import { LRUCache } from "lru-cache";
import pLimit from "p-limit";
import type { z } from "zod";
import { type Deadline, raceSignal } from "../../aws/deadline.ts";
import { AwsCallError, deadlineExceeded } from "../../aws/errors.ts";
import type { FirehoseGateway } from "../../aws/firehose-gateway.ts";
import type { LogGroupRecord, LogsGateway } from "../../aws/logs-gateway.ts";
import type { S3Gateway } from "../../aws/s3-gateway.ts";
import { badRequest } from "../../lib/errors.ts";

export type DestinationListFilter = z.output<typeof DestinationListQuerySchema>;

/** AWS calls run within the caller's deadline; without one (background work) each call has its own budget. */
export interface DestinationService {
  list(filter: DestinationListFilter, deadline: Deadline): Promise<DestinationListResponse>;
  /**
   * What AWS says of one destination (cached for the TTL; `fresh` reads AWS whatever the cache
   * holds, for views that show the facts); null when it cannot be known. A log group's delivery
   * policy is judged on the cached resource policies: read those fresh first when they must be.
   */
  knowledge(
    destination: Destination,
    poolRegion: string,
    deadline?: Deadline,
    options?: { fresh?: boolean },
  ): Promise<DestinationKnowledge | null>;
  /** Only what is cached already: no AWS call (for the fleet view). */
  cachedKnowledge(destination: Destination): DestinationKnowledge | null;
  /** The account's CloudWatch Logs resource policies of a region (cached for the TTL; `fresh` re-reads). */
  resourcePolicies(
    region: string,
    deadline?: Deadline,
    options?: { fresh?: boolean },
  ): Promise<ResourcePolicy[]>;
  cachedResourcePolicies(region: string): ResourcePolicy[] | null;
  /** Forgets what is cached of a destination (after a fix changed it) or of a region's policies. */
  invalidate(arn: string | null, region?: string): void;
}

export interface DestinationDeps {
  logs: Pick<LogsGateway, "describeLogGroups" | "describeResourcePolicies" | "describeLogGroupPolicy">;
  firehose: Pick<FirehoseGateway, "listDeliveryStreams" | "describeDeliveryStream" | "listTags">;
  s3: Pick<S3Gateway, "listBuckets" | "bucketRegion" | "getBucketPolicy" | "getBucketEncryption">;
  accountId(deadline?: Deadline): Promise<string>;
  cacheTtlMs: number;
  /** How many destinations, regions' policies and searches are kept at most (default 1,000 each). */
  maxEntries?: number;
  /** How long a search's answer is reused (default 10 s): a search is up to 201 AWS calls. */
  searchTtlMs?: number;
  now?: () => number;
}

interface Cached<T> {
  value: T;
  at: number;
}

/** Opaque cursor: the AWS page token, bound to the query it belongs to. */
interface CursorState {
  kind: DestinationKind;
  region: string;
  q: string;
  token: string;
}

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}

function decodeCursor(cursor: string, expected: Omit<CursorState, "token">): string {
  try {
    const state = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<CursorState>;
    if (
      typeof state.token === "string" &&
      state.kind === expected.kind &&
      state.region === expected.region &&
      state.q === expected.q
    ) {
      return state.token;
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest("The cursor does not belong to this query.", [
    {
      path: "querystring.cursor",
      message: "Use the nextCursor of the previous page of the same query, or leave it out.",
    },
  ]);
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof AwsCallError && (error.code === "ResourceNotFoundException" || error.status === 404)
  );
}

export function createDestinationService(deps: DestinationDeps): DestinationService {
  const now = deps.now ?? Date.now;
  // Bounded, least recently used first out: every distinct ARN previewed used to stay for good.
  const max = deps.maxEntries ?? 1000;
  const knowledgeCache = new LRUCache<string, Cached<DestinationKnowledge>>({ max });
  const policyCache = new LRUCache<string, Cached<ResourcePolicy[]>>({ max });
  /**
   * Searches under way or answered in the last searchTtlMs, by query: one search pages through up to
   * 50 Firehose pages and describes every match (up to 201 calls), so 100 identical searches were
   * 20,100 calls (issue 20). A failed search is not kept.
   */
  const searches = new LRUCache<string, Promise<DestinationListResponse>>({
    // An answer holds up to 100 destinations: fewer of them.
    max: Math.max(1, Math.ceil(max / 5)),
    ttl: deps.searchTtlMs ?? 10_000,
    perf: { now },
  });
  const fresh = <T>(entry: Cached<T> | undefined): entry is Cached<T> =>
    entry !== undefined && now() - entry.at < deps.cacheTtlMs;
  const knowledgeKey = (destination: { kind: DestinationKind; arn: string }) =>
    `${destination.kind}|${destination.arn}`;
  /** What a listing saw is as good as a lookup: the editor's next preview needs no AWS call. */
  const remember = (items: DestinationKnowledge[]) => {
    for (const item of items) knowledgeCache.set(knowledgeKey(item), { value: item, at: now() });
  };

  async function resourcePolicies(
    region: string,
    deadline?: Deadline,
    options: { fresh?: boolean } = {},
  ): Promise<ResourcePolicy[]> {
    const cached = policyCache.get(region);
    if (!options.fresh && fresh(cached)) return cached.value;
    const value = await deps.logs.describeResourcePolicies(region, deadline);
    policyCache.set(region, { value, at: now() });
    return value;
  }

  /**
   * The log group's own policy; undefined when it could not be read. AWS attaches the grant there for
   * new deliveries (rules doc §3), and a Deny there cancels an account-level grant (all policies are
   * evaluated together), so it is read even when an account-level policy already grants delivery.
   */
  async function ownPolicyIfNeeded(
    region: string,
    group: LogGroupRecord,
    _policies: ResourcePolicy[] | null,
    deadline: Deadline | undefined,
  ): Promise<LogGroupPolicy | null | undefined> {
    return deps.logs.describeLogGroupPolicy(region, group.arn, deadline).catch(() => undefined);
  }

  function logGroupInfo(
    region: string,
    accountId: string,
    group: LogGroupRecord,
    policies: ResourcePolicy[] | null,
    own: LogGroupPolicy | null | undefined,
  ): LogGroupInfo {
    const grant =
      policies === null && own === undefined
        ? undefined
        : logGroupDeliveryGrant({
            logGroupArn: group.arn,
            accountPolicies: policies ?? [],
            logGroupPolicy: own ?? null,
          });
    // "missing" only when both scopes were read; a grant found in either is "present".
    const covered = grant ? true : grant === null && policies !== null && own !== undefined ? false : null;
    return {
      kind: "logGroup",
      arn: group.arn,
      name: group.name,
      region,
      accountId,
      kmsKeyId: group.kmsKeyId,
      retentionInDays: group.retentionInDays,
      logGroupClass: group.logGroupClass,
      deliveryPolicy: covered === null ? "unknown" : covered ? "present" : "missing",
      deliveryPolicyScope: grant ? grant.scope : null,
      ...(own === undefined ? {} : { logGroupPolicyDocument: own?.policyDocument ?? null }),
      createdAt: group.createdAt,
      dataProtectionStatus: group.dataProtectionStatus,
      checkedAt: new Date(now()).toISOString(),
    };
  }

  async function firehoseInfo(
    region: string,
    accountId: string,
    name: string,
    deadline: Deadline | undefined,
  ): Promise<FirehoseInfo> {
    const [stream, tags] = await Promise.all([
      deps.firehose.describeDeliveryStream(region, name, deadline),
      deps.firehose.listTags(region, name, deadline),
    ]);
    return {
      kind: "firehose",
      arn: stream.arn,
      name: stream.name,
      region,
      accountId: stream.arn.split(":")[4] || accountId,
      deliveryStreamType: stream.type,
      status: stream.status,
      // Exactly as the log delivery role's policy compares it: `True` or `TRUE` do not count (rules doc §3).
      logDeliveryEnabledTag: tags[LOG_DELIVERY_TAG.key] === LOG_DELIVERY_TAG.value,
      tags,
      destinationType: stream.destinationType,
      destinationSummary: stream.destinationSummary,
      bucketArn: stream.bucketArn,
      encryption: stream.encryption,
      createdAt: stream.createdAt,
      checkedAt: new Date(now()).toISOString(),
    };
  }

  async function bucketInfo(
    region: string,
    accountId: string,
    name: string,
    bucketRegion: string | null,
    deadline: Deadline | undefined,
  ): Promise<BucketInfo> {
    const [policy, encryption] = await Promise.all([
      deps.s3.getBucketPolicy(region, name, deadline).then(
        (p) => ({ ok: true as const, p }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      deps.s3.getBucketEncryption(region, name, deadline).then(
        (e) => ({ ok: true as const, e }),
        () => ({ ok: false as const }),
      ),
    ]);
    // The delivery statement's aws:SourceArn names the pool's region, which is the bucket's (§2.5).
    const deliveryPolicy = !policy.ok
      ? "unknown"
      : policy.p !== null && bucketPolicyHasDelivery(policy.p, name, accountId, bucketRegion ?? region)
        ? "present"
        : "missing";
    const sse = encryption.ok ? encryption.e : null;
    return {
      kind: "s3",
      arn: `arn:aws:s3:::${name}`,
      name,
      region: bucketRegion,
      deliveryPolicy,
      encryption: sse?.algorithm ?? null,
      // An encryption read that failed leaves the key unknown (undefined), never "no key" (= aws/s3).
      ...(encryption.ok
        ? {
            kmsKeyId: sse?.kmsKeyId ?? null,
            kmsKeyManager: sse && isSseKms(sse.algorithm) ? kmsKeyManagerOf(sse.kmsKeyId) : null,
            bucketKeyEnabled: sse?.bucketKeyEnabled ?? null,
          }
        : {}),
      checkedAt: new Date(now()).toISOString(),
    };
  }

  async function lookUp(
    destination: Destination,
    poolRegion: string,
    deadline: Deadline | undefined,
  ): Promise<DestinationKnowledge | null> {
    const parsed = parseDestinationArn(destination.arn);
    if (isFieldError(parsed) || parsed.kind !== destination.kind) return null;
    const accountId = await deps.accountId(deadline);
    // Another account's resources are not ours to describe; preflight judges them from the ARN.
    if (parsed.accountId && parsed.accountId !== accountId) return null;
    const region = parsed.region || poolRegion;
    const notFound = { kind: destination.kind, arn: destination.arn, notFound: true as const };
    if (parsed.kind === "logGroup") {
      const [page, policies] = await Promise.all([
        deps.logs.describeLogGroups(region, { prefix: parsed.name, limit: 50 }, deadline),
        // Cached: a caller that wants them fresh reads them first (one read per region, not per group).
        resourcePolicies(region, deadline).catch(() => null),
      ]);
      const group = page.groups.find((g) => g.name === parsed.name);
      if (!group) return notFound;
      const own = await ownPolicyIfNeeded(region, group, policies, deadline);
      return logGroupInfo(region, accountId, group, policies, own);
    }
    if (parsed.kind === "firehose") {
      try {
        return await firehoseInfo(region, accountId, parsed.name, deadline);
      } catch (error) {
        if (isNotFound(error)) return notFound;
        throw error;
      }
    }
    const bucketRegion = await deps.s3.bucketRegion(poolRegion, parsed.name, deadline);
    if (bucketRegion === null) return notFound;
    return bucketInfo(bucketRegion, accountId, parsed.name, bucketRegion, deadline);
  }

  async function search(filter: DestinationListFilter, deadline: Deadline): Promise<DestinationListResponse> {
    const q = filter.q?.trim() ?? "";
    const expected = { kind: filter.kind, region: filter.region, q };
    const token = filter.cursor ? decodeCursor(filter.cursor, expected) : undefined;
    const next = (t: string | null) => (t ? encodeCursor({ ...expected, token: t }) : null);
    const accountId = await deps.accountId(deadline);

    if (filter.kind === "logGroup") {
      const [page, policies] = await Promise.all([
        deps.logs.describeLogGroups(
          filter.region,
          { prefix: q || undefined, nextToken: token, limit: filter.limit },
          deadline,
        ),
        resourcePolicies(filter.region, deadline).catch(() => null),
      ]);
      // One DescribeResourcePolicies per log group that needs it, a few at a time (a page has up to 100).
      const ownPolicyLimit = pLimit(5);
      const items: DestinationInfo[] = await Promise.all(
        page.groups.map(async (g) => {
          const own = await ownPolicyLimit(() => ownPolicyIfNeeded(filter.region, g, policies, deadline));
          return logGroupInfo(filter.region, accountId, g, policies, own);
        }),
      );
      remember(items);
      return { items, nextCursor: next(page.nextToken) };
    }

    if (filter.kind === "firehose") {
      // Firehose has no server-side search: page through names, keep those containing q.
      const needle = q.toLowerCase();
      const names: string[] = [];
      let start = token;
      let hasMore = true;
      for (let pages = 0; names.length < filter.limit && hasMore && pages < 50; pages++) {
        const page = await deps.firehose.listDeliveryStreams(
          filter.region,
          { exclusiveStartName: start, limit: filter.limit },
          deadline,
        );
        let stoppedEarly = false;
        for (const [index, name] of page.names.entries()) {
          start = name;
          if (!needle || name.toLowerCase().includes(needle)) names.push(name);
          if (names.length >= filter.limit) {
            stoppedEarly = index < page.names.length - 1;
            break;
          }
        }
        hasMore = page.names.length > 0 && (page.hasMore || stoppedEarly);
      }
      const items = await Promise.all(
        names.map((name) => firehoseInfo(filter.region, accountId, name, deadline)),
      );
      remember(items);
      return { items, nextCursor: hasMore && start ? next(start) : null };
    }

    const page = await deps.s3.listBuckets(
      filter.region,
      { prefix: q || undefined, continuationToken: token, limit: filter.limit },
      deadline,
    );
    // BucketRegion filters server-side on AWS; filtered again here in case an endpoint ignores it.
    const inRegion = page.buckets.filter((b) => b.region === null || b.region === filter.region);
    const items = await Promise.all(
      inRegion.map((b) => bucketInfo(filter.region, accountId, b.name, b.region ?? filter.region, deadline)),
    );
    remember(items);
    return { items, nextCursor: next(page.continuationToken) };
  }

  return {
    async list(filter, deadline) {
      const key = JSON.stringify([
        filter.kind,
        filter.region,
        filter.q?.trim() ?? "",
        filter.cursor ?? "",
        filter.limit,
      ]);
      let answer = searches.get(key);
      if (!answer) {
        const started = search(filter, deadline);
        searches.set(key, started);
        started.catch(() => {
          if (searches.get(key) === started) searches.delete(key);
        });
        answer = started;
      }
      // A caller that joined another's search still answers within its own deadline.
      try {
        return await raceSignal(answer, deadline.signal);
      } catch (error) {
        if (deadline.signal.aborted && error === deadline.signal.reason)
          throw deadlineExceeded("the destination search", deadline);
        throw error;
      }
    },

    async knowledge(destination, poolRegion, deadline, options = {}) {
      const key = knowledgeKey(destination);
      const cached = knowledgeCache.get(key);
      if (!options.fresh && fresh(cached)) return cached.value;
      const value = await lookUp(destination, poolRegion, deadline);
      if (value) knowledgeCache.set(key, { value, at: now() });
      return value;
    },

    cachedKnowledge(destination) {
      const cached = knowledgeCache.get(knowledgeKey(destination));
      return fresh(cached) ? cached.value : null;
    },

    resourcePolicies,

    cachedResourcePolicies(region) {
      const cached = policyCache.get(region);
      return fresh(cached) ? cached.value : null;
    },

    invalidate(arn, region) {
      if (arn)
        for (const key of [...knowledgeCache.keys()]) if (key.endsWith(`|${arn}`)) knowledgeCache.delete(key);
      if (region) policyCache.delete(region);
      // A fix may have changed what a search showed (a tag, a policy).
      searches.clear();
    },
  };
}

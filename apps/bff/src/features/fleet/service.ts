import {
  type AwsEntryProblem,
  comparePools,
  type Destination,
  type DestinationLabel,
  destinationName,
  type Finding,
  type FleetStatus,
  fromAwsLogConfigurations,
  type LogDeliveryModel,
  type PoolFacts,
  type PoolListFilter,
  type PoolListResponse,
  type PoolSummary,
  queryPools,
  summarizeFindings,
} from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import type { CognitoGateway } from "../../aws/cognito-gateway.ts";
import type { Deadline } from "../../aws/deadline.ts";
import { AwsCallError } from "../../aws/errors.ts";
import { assessRead, type FleetDestinations, lookUpDestinations } from "./findings.ts";

/** One read of a pool: its facts and its configuration as AWS holds them. */
export interface PoolRead {
  facts: PoolFacts;
  configuration: LogDeliveryModel;
  /** Entries AWS holds that the console's model cannot (kept visible, never silently dropped). */
  configurationProblems: AwsEntryProblem[];
  /** When this read started (ms); a later-started read always wins over an earlier one. */
  startedAt: number;
  readAt: number;
}

interface PoolRecord {
  id: string;
  name: string;
  region: string;
  read: PoolRead | null;
  findings: Finding[];
  readState: "ok" | "pending" | "unknown";
  readError?: string;
  /** Set by a write: the next detail read goes to AWS whatever the TTL. */
  stale: boolean;
}

export interface FleetService {
  status(): FleetStatus;
  /** Starts a fleet read unless one is under way; answers the status right away. */
  refresh(): FleetStatus;
  /** The rows known now (a first call or an expired cache starts a fleet read in the background). */
  list(filter: PoolListFilter): PoolListResponse;
  /**
   * One pool, from the cache when fresh enough, else from AWS (two paced reads) within the
   * caller's deadline (a user request's; none: each call gets the background budget).
   */
  readPool(
    region: string,
    poolId: string,
    options?: { fresh?: boolean; deadline?: Deadline },
  ): Promise<PoolRead>;
  /** Reads the configuration only (one call), e.g. right after a write. */
  readConfiguration(region: string, poolId: string, facts: PoolFacts, deadline?: Deadline): Promise<PoolRead>;
  /** Records a read made elsewhere (after a write); ignored if a later-started read is already stored. */
  store(read: PoolRead): void;
  /** Forgets the pool's cached read, so the next read goes to AWS. */
  invalidate(poolId: string): void;
  /** Findings of a stored read, recomputed (e.g. once destination facts are known). */
  reassess(poolId: string): void;
  /**
   * Findings of every stored pool that sends logs to one of these destinations, recomputed: after a
   * destination was re-read (pool page, fix), each fleet row that uses it shows what was found.
   */
  reassessDestinations(destinations: readonly Destination[]): void;
  /** Resolves when the current fleet read (if any) has finished; for shutdown and tests. */
  settled(): Promise<void>;
}

export interface FleetDeps {
  cognito: Pick<CognitoGateway, "listUserPools" | "describeUserPool" | "getLogDeliveryConfiguration">;
  regions: readonly string[];
  accountId(deadline?: Deadline): Promise<string>;
  cacheTtlMs: number;
  /**
   * The destination facts the rows are judged on: looked up once all pools are read, so the list's
   * findings see KMS, tags and policies (findings.ts).
   */
  destinations: FleetDestinations;
  log: FastifyBaseLogger;
  now?: () => number;
}

function accountOfArn(arn: string): string | null {
  const account = arn.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : null;
}

function label(destination: Destination | null): DestinationLabel | null {
  return destination ? { ...destination, name: destinationName(destination.arn) } : null;
}

function describeFailure(error: unknown): string {
  if (error instanceof AwsCallError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export function createFleetService(deps: FleetDeps): FleetService {
  const now = deps.now ?? Date.now;
  const records = new Map<string, PoolRecord>();
  let status: FleetStatus = {
    state: "idle",
    loaded: 0,
    total: null,
    failed: 0,
    startedAt: null,
    completedAt: null,
  };
  let completedAtMs = 0;
  let current: Promise<void> = Promise.resolve();
  const assess = (read: PoolRead): Finding[] => assessRead(read, deps.destinations);

  async function readPool(region: string, poolId: string, deadline?: Deadline): Promise<PoolRead> {
    const startedAt = now();
    const [description, delivery] = await Promise.all([
      deps.cognito.describeUserPool(region, poolId, deadline),
      deps.cognito.getLogDeliveryConfiguration(region, poolId, deadline),
    ]);
    // The pool's ARN names its account; STS is asked only when it does not, so a pool read shares
    // no in-flight lookup with earlier requests (one started while AWS hung could fail this one).
    const accountId = accountOfArn(description.arn) ?? (await deps.accountId(deadline));
    const { model, problems } = fromAwsLogConfigurations(delivery.logConfigurations);
    return {
      facts: {
        id: description.id,
        name: description.name,
        region,
        accountId,
        arn: description.arn,
        tier: description.tier,
        threatProtection: description.threatProtection,
      },
      configuration: model,
      configurationProblems: problems,
      startedAt,
      readAt: now(),
    };
  }

  /**
   * The list view is served from rows built and sorted once per change of the records, not per
   * request: with 10,000 pools, building every row and sorting them with the collator on each
   * GET /api/pools took ~150 ms of CPU (bench, warm scenario). Every change a row can show calls
   * rowsChanged().
   */
  let rowsVersion = 0;
  const rowsChanged = () => {
    rowsVersion += 1;
  };
  let rowCache: { version: number; rows: PoolSummary[]; bySort: Map<string, PoolSummary[]> } | null = null;

  function sortedRows(sort: PoolListFilter["sort"]): PoolSummary[] {
    if (rowCache?.version !== rowsVersion) {
      rowCache = { version: rowsVersion, rows: [...records.values()].map(summary), bySort: new Map() };
    }
    let rows = rowCache.bySort.get(sort);
    if (!rows) {
      rows = [...rowCache.rows].sort(comparePools(sort));
      rowCache.bySort.set(sort, rows);
    }
    return rows;
  }

  function store(read: PoolRead): void {
    const existing = records.get(read.facts.id);
    if (existing?.read && existing.read.startedAt > read.startedAt) return;
    rowsChanged();
    records.set(read.facts.id, {
      id: read.facts.id,
      name: read.facts.name,
      region: read.facts.region,
      read,
      findings: assess(read),
      readState: "ok",
      stale: false,
    });
  }

  async function readFleet(): Promise<void> {
    const seen = new Set<string>();
    const failedReads: Array<{ region: string; id: string }> = [];
    const reads: Array<Promise<void>> = [];
    const readListed = async (region: string, id: string): Promise<void> => {
      try {
        store(await readPool(region, id));
        status = { ...status, loaded: status.loaded + 1 };
      } catch (error) {
        const record = records.get(id);
        if (record) {
          record.readState = "unknown";
          record.readError = describeFailure(error);
          rowsChanged();
        }
        failedReads.push({ region, id });
        status = { ...status, loaded: status.loaded + 1, failed: status.failed + 1 };
      }
    };
    const listed = await Promise.all(
      deps.regions.map(async (region) => {
        try {
          // Each page's pools are read as soon as the page arrives: waiting for the whole listing
          // left the quota unused for a round trip per page (12 pages at 1,000 pools).
          const pools = await deps.cognito.listUserPools(region, (page) => {
            for (const pool of page) {
              seen.add(pool.id);
              if (!records.has(pool.id)) {
                rowsChanged();
                records.set(pool.id, {
                  id: pool.id,
                  name: pool.name,
                  region,
                  read: null,
                  findings: [],
                  readState: "pending",
                  stale: false,
                });
              }
              reads.push(readListed(region, pool.id));
            }
          });
          return { region, pools, ok: true as const };
        } catch (error) {
          deps.log.warn({ region, err: describeFailure(error) }, "listing user pools failed");
          status = {
            ...status,
            failed: status.failed + 1,
            regionErrors: [...(status.regionErrors ?? []), { region, message: describeFailure(error) }],
          };
          return { region, pools: [], ok: false as const };
        }
      }),
    );
    // Pools deleted since the last read disappear, but only from regions listed successfully.
    const listedRegions = new Set(listed.filter((l) => l.ok).map((l) => l.region));
    for (const [id, record] of records) {
      if (listedRegions.has(record.region) && !seen.has(id)) {
        records.delete(id);
        rowsChanged();
      }
    }
    status = { ...status, total: listed.reduce((sum, l) => sum + l.pools.length, 0) };
    await Promise.all(reads);
    // One more try for the pools that failed, once the rest is read and the quota is free again:
    // a pool then shows `unknown` only after two full rounds of attempts failed.
    await Promise.all(
      failedReads.map(async ({ region, id }) => {
        try {
          store(await readPool(region, id));
          status = { ...status, failed: status.failed - 1 };
        } catch (error) {
          const record = records.get(id);
          if (record) {
            record.readError = describeFailure(error);
            rowsChanged();
          }
        }
      }),
    );

    const stored = [...records.values()].flatMap((r) => (r.read ? [r.read] : []));
    try {
      await lookUpDestinations(stored, deps.destinations);
      for (const record of records.values()) if (record.read) record.findings = assess(record.read);
      rowsChanged();
    } catch (error) {
      deps.log.warn({ err: describeFailure(error) }, "reading the fleet's destinations failed");
    }
  }

  function refresh(): FleetStatus {
    if (status.state === "loading") return status;
    status = {
      state: "loading",
      loaded: 0,
      total: null,
      failed: 0,
      startedAt: new Date(now()).toISOString(),
      completedAt: null,
    };
    current = readFleet()
      .catch((error: unknown) => {
        deps.log.error({ err: describeFailure(error) }, "fleet read failed");
      })
      .finally(() => {
        completedAtMs = now();
        status = { ...status, state: "ready", completedAt: new Date(completedAtMs).toISOString() };
      });
    return status;
  }

  function summary(record: PoolRecord): PoolSummary {
    const read = record.read;
    const row: PoolSummary = {
      id: record.id,
      name: record.name,
      region: record.region,
      tier: read?.facts.tier ?? null,
      threatProtection: read?.facts.threatProtection ?? null,
      logging: {
        userNotification: label(read?.configuration.userNotification ?? null),
        userAuthEvents: label(read?.configuration.userAuthEvents ?? null),
      },
      findings: summarizeFindings(record.findings),
      readState: record.readState,
    };
    if (record.readError !== undefined && record.readState === "unknown") row.readError = record.readError;
    return row;
  }

  return {
    status: () => status,
    refresh,
    list(filter) {
      if (status.state === "idle" || (status.state === "ready" && now() - completedAtMs >= deps.cacheTtlMs))
        refresh();
      // The rows come in the requested order already; the domain's filter and (now linear) sort
      // keep the list semantics in one place.
      return { ...queryPools(sortedRows(filter.sort), filter), fleet: status };
    },
    async readPool(region, poolId, options = {}) {
      const record = records.get(poolId);
      if (!options.fresh && record?.read && !record.stale && now() - record.read.readAt < deps.cacheTtlMs) {
        return record.read;
      }
      const read = await readPool(region, poolId, options.deadline);
      store(read);
      return read;
    },
    async readConfiguration(region, poolId, facts, deadline) {
      const startedAt = now();
      const delivery = await deps.cognito.getLogDeliveryConfiguration(region, poolId, deadline);
      const { model, problems } = fromAwsLogConfigurations(delivery.logConfigurations);
      return { facts, configuration: model, configurationProblems: problems, startedAt, readAt: now() };
    },
    store,
    invalidate(poolId) {
      const record = records.get(poolId);
      if (record) record.stale = true;
    },
    reassess(poolId) {
      const record = records.get(poolId);
      if (record?.read) {
        record.findings = assess(record.read);
        rowsChanged();
      }
    },
    reassessDestinations(destinations) {
      if (destinations.length === 0) return;
      const wanted = new Set(destinations.map((d) => `${d.kind}|${d.arn}`));
      let changed = false;
      for (const record of records.values()) {
        const configuration = record.read?.configuration;
        if (!record.read || !configuration) continue;
        const uses = [configuration.userNotification, configuration.userAuthEvents].some(
          (d) => d !== null && wanted.has(`${d.kind}|${d.arn}`),
        );
        if (!uses) continue;
        record.findings = assess(record.read);
        changed = true;
      }
      if (changed) rowsChanged();
    },
    settled: () => current,
  };
}

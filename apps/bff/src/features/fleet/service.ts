import {
  type AccountError,
  type AccountRegion,
  type AccountSummary,
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
  poolKey,
  queryPools,
  summarizeFindings,
} from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import type { CognitoGateway } from "../../aws/cognito-gateway.ts";
import { type Deadline, withDeadline } from "../../aws/deadline.ts";
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
  accountId: string;
  read: PoolRead | null;
  findings: Finding[];
  readState: "ok" | "pending" | "unknown";
  readError?: string;
  /** Set by a write: the next detail read goes to AWS whatever the TTL. */
  stale: boolean;
}

/**
 * The per-pool reads of one account, as the pool page, previews, writes and fixes use them: the
 * methods the single-account fleet service had, now bound to (account) so every key names it.
 */
export interface AccountFleet {
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
   * Findings of every stored pool of the account that sends logs to one of these destinations,
   * recomputed: after a destination was re-read (pool page, fix), each fleet row that uses it shows
   * what was found.
   */
  reassessDestinations(destinations: readonly Destination[]): void;
}

/** One fleet row with what it was judged on, for features that judge pools without AWS reads. */
export interface FleetPoolView {
  row: PoolSummary;
  /** The pool's last read; null until read. */
  read: PoolRead | null;
  /** The cached destination facts its account's rows are judged on; null when the account is unknown. */
  destinations: FleetDestinations | null;
}

export interface FleetService {
  status(): FleetStatus;
  /** Starts a fleet read unless one is under way; answers the status right away. */
  refresh(): FleetStatus;
  /** The rows known now (a first call or an expired cache starts a fleet read in the background). */
  list(filter: PoolListFilter, keep?: (pool: FleetPoolView) => boolean): PoolListResponse;
  /** Every row known now, by name, with its last read (the logging standard's evaluation); no AWS call. */
  pools(): FleetPoolView[];
  /** The per-pool reads of one account (its Cognito gateway and destination facts). */
  forAccount(account: FleetAccountReads): AccountFleet;
  /** The account a pool id was last seen in (the legacy single-account URLs); null if none. */
  accountOfPool(poolId: string): string | null;
  /** Resolves when the current fleet read (if any) has finished; for shutdown and tests. */
  settled(): Promise<void>;
}

/** What the fleet reads one account's pools with. */
export interface FleetAccountReads {
  accountId: string;
  cognito: Pick<CognitoGateway, "listUserPools" | "describeUserPool" | "getLogDeliveryConfiguration">;
  /**
   * The destination facts the rows are judged on: looked up once the account's pools are read, so
   * the list's findings see KMS, tags and policies (findings.ts).
   */
  destinations: FleetDestinations;
}

/** One account of a fleet read, as the account directory (features/accounts) gives it. */
export interface FleetAccount extends FleetAccountReads {
  name: string;
  ouPath: string | null;
  roleArn: string | null;
  own: boolean;
  /**
   * Whether each of `regions` is enabled in the account (account:ListRegions): the first call of
   * the account, so a role that cannot be assumed fails here. Throws the account's failure.
   */
  regionStatus(regions: readonly string[], deadline: Deadline): Promise<AccountRegion[]>;
}

/** The accounts of a fleet read; `error`: discovery failed (the accounts are then the ones still known). */
export interface FleetAccounts {
  accounts: FleetAccount[];
  /** Accounts known to be unreadable before any read (e.g. an own account whose identity failed). */
  failed?: AccountSummary[];
  error?: AccountError;
}

export interface FleetDeps {
  /** The accounts to read, asked at the start of each fleet read (features/accounts/service.ts). */
  accounts(): Promise<FleetAccounts>;
  /** How an account's failure reads in its row (features/accounts describeAccountFailure). */
  describeAccountFailure(error: unknown, account: Pick<FleetAccount, "roleArn" | "own">): AccountError;
  regions: readonly string[];
  /**
   * Whether a region's listing failed because the account has not enabled the region (AWS then
   * refuses the credentials there): shown as not enabled, not as an error.
   */
  regionNotEnabled(error: unknown): boolean;
  /** The budget of an account's first calls (assume its role, list its regions): a hung account ends then. */
  accountDeadlineMs: number;
  cacheTtlMs: number;
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
  /** Each account's readers, by account id: its rows are judged on its own destination facts. */
  const readers = new Map<string, FleetAccountReads>();
  /** Name and OU of each account of the last fleet read, for the rows. */
  const accountInfo = new Map<string, { name: string; ouPath: string | null }>();
  const assess = (read: PoolRead): Finding[] => {
    const reader = readers.get(read.facts.accountId);
    return reader ? assessRead(read, reader.destinations) : [];
  };

  async function readPool(
    account: FleetAccountReads,
    region: string,
    poolId: string,
    deadline?: Deadline,
  ): Promise<PoolRead> {
    const startedAt = now();
    const [description, delivery] = await Promise.all([
      account.cognito.describeUserPool(region, poolId, deadline),
      account.cognito.getLogDeliveryConfiguration(region, poolId, deadline),
    ]);
    // The pool's ARN names its account; the account the call went to otherwise.
    const accountId = accountOfArn(description.arn) ?? account.accountId;
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
        ...(description.tags ? { tags: description.tags } : {}),
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
    const key = poolKey({ accountId: read.facts.accountId, poolId: read.facts.id });
    const existing = records.get(key);
    if (existing?.read && existing.read.startedAt > read.startedAt) return;
    rowsChanged();
    records.set(key, {
      id: read.facts.id,
      name: read.facts.name,
      region: read.facts.region,
      accountId: read.facts.accountId,
      read,
      findings: assess(read),
      readState: "ok",
      stale: false,
    });
  }

  /** Sets one account's row of the status (its place kept), as its read goes on. */
  function setAccount(row: AccountSummary): void {
    const rows = status.accounts ?? [];
    const index = rows.findIndex((r) => r.accountId === row.accountId);
    status = {
      ...status,
      accounts: index < 0 ? [...rows, row] : rows.map((r, i) => (i === index ? row : r)),
    };
  }

  function accountRow(account: FleetAccount, regions: AccountRegion[]): AccountSummary {
    return {
      accountId: account.accountId,
      name: account.name,
      ouPath: account.ouPath,
      roleArn: account.roleArn,
      own: account.own,
      status: "pending",
      regions,
    };
  }

  /**
   * One account's part of a fleet read: its regions, then its pools. A failure of the account (its
   * role cannot be assumed, access denied) ends here as its own row and touches no other account.
   */
  async function readAccount(account: FleetAccount, seen: Set<string>, reads: Array<Promise<void>>) {
    const failedReads: Array<{ region: string; id: string }> = [];
    setAccount(
      accountRow(
        account,
        deps.regions.map((region) => ({ region, status: "pending" as const })),
      ),
    );
    let regions: AccountRegion[];
    try {
      // Under a deadline of its own: an account whose STS or Account API hangs cannot stall the fleet.
      regions = await withDeadline(
        deps.accountDeadlineMs,
        (deadline) => account.regionStatus(deps.regions, deadline),
        "background",
      );
    } catch (error) {
      const failure = deps.describeAccountFailure(error, account);
      deps.log.warn({ account: account.accountId, err: describeFailure(error) }, "reading an account failed");
      setAccount({
        ...accountRow(
          account,
          deps.regions.map((region) => ({ region, status: "error" as const })),
        ),
        status: "error",
        error: failure,
      });
      status = { ...status, failed: status.failed + 1 };
      return { listed: [] as Array<{ region: string; ok: boolean; pools: number }>, failedReads, ok: false };
    }
    setAccount({ ...accountRow(account, regions), status: "ok" });
    const readListed = async (region: string, id: string): Promise<void> => {
      try {
        store(await readPool(account, region, id));
        status = { ...status, loaded: status.loaded + 1 };
      } catch (error) {
        const record = records.get(poolKey({ accountId: account.accountId, poolId: id }));
        if (record) {
          record.readState = "unknown";
          record.readError = describeFailure(error);
          rowsChanged();
        }
        failedReads.push({ region, id });
        status = { ...status, loaded: status.loaded + 1, failed: status.failed + 1 };
      }
    };
    const enabled = regions.filter((r) => r.status === "ok").map((r) => r.region);
    const listed = await Promise.all(
      enabled.map(async (region) => {
        try {
          // Each page's pools are read as soon as the page arrives: waiting for the whole listing
          // left the quota unused for a round trip per page (12 pages at 1,000 pools).
          const pools = await account.cognito.listUserPools(region, (page) => {
            for (const pool of page) {
              const key = poolKey({ accountId: account.accountId, poolId: pool.id });
              seen.add(key);
              if (!records.has(key)) {
                rowsChanged();
                records.set(key, {
                  id: pool.id,
                  name: pool.name,
                  region,
                  accountId: account.accountId,
                  read: null,
                  findings: [],
                  readState: "pending",
                  stale: false,
                });
              }
              reads.push(readListed(region, pool.id));
            }
          });
          return { region, pools: pools.length, ok: true };
        } catch (error) {
          // The console's own credentials failing is an error as before; a role's, in one region only, is not.
          if (!account.own && deps.regionNotEnabled(error)) {
            regions = regions.map((r) =>
              r.region === region ? { region, status: "not-enabled" as const } : r,
            );
            setAccount({ ...accountRow(account, regions), status: "ok" });
            return { region, pools: 0, ok: true };
          }
          deps.log.warn(
            { account: account.accountId, region, err: describeFailure(error) },
            "listing user pools failed",
          );
          const message = describeFailure(error);
          status = {
            ...status,
            failed: status.failed + 1,
            regionErrors: [...(status.regionErrors ?? []), { region, message }],
          };
          regions = regions.map((r) =>
            r.region === region ? { region, status: "error" as const, message } : r,
          );
          setAccount({ ...accountRow(account, regions), status: "ok" });
          return { region, pools: 0, ok: false };
        }
      }),
    );
    return { listed, failedReads, ok: true };
  }

  async function readFleet(): Promise<void> {
    const seen = new Set<string>();
    const reads: Array<Promise<void>> = [];
    const { accounts, failed = [], error } = await deps.accounts();
    if (error) status = { ...status, failed: status.failed + 1, accountsError: error };
    for (const row of failed) setAccount(row);
    for (const account of accounts) {
      readers.set(account.accountId, account);
      accountInfo.set(account.accountId, { name: account.name, ouPath: account.ouPath });
    }
    rowsChanged();
    const perAccount = await Promise.all(
      accounts.map(async (account) => ({ account, ...(await readAccount(account, seen, reads)) })),
    );
    // Pools deleted since the last read disappear, but only from (account, region)s listed
    // successfully; the pools of accounts no longer in the organization go when discovery worked.
    const listedPlaces = new Set(
      perAccount.flatMap(({ account, listed }) =>
        listed.filter((l) => l.ok).map((l) => `${account.accountId}|${l.region}`),
      ),
    );
    const readAccounts = new Set(accounts.map((a) => a.accountId));
    for (const [key, record] of records) {
      const gone = !error && failed.length === 0 && !readAccounts.has(record.accountId);
      if (gone || (listedPlaces.has(`${record.accountId}|${record.region}`) && !seen.has(key))) {
        records.delete(key);
        rowsChanged();
      }
    }
    status = {
      ...status,
      total: perAccount.reduce((sum, a) => sum + a.listed.reduce((n, l) => n + l.pools, 0), 0),
    };
    await Promise.all(reads);
    // One more try for the pools that failed, once the rest is read and the quota is free again:
    // a pool then shows `unknown` only after two full rounds of attempts failed.
    await Promise.all(
      perAccount.flatMap(({ account, failedReads }) =>
        failedReads.map(async ({ region, id }) => {
          try {
            store(await readPool(account, region, id));
            status = { ...status, failed: status.failed - 1 };
          } catch (error) {
            const record = records.get(poolKey({ accountId: account.accountId, poolId: id }));
            if (record) {
              record.readError = describeFailure(error);
              rowsChanged();
            }
          }
        }),
      ),
    );

    await Promise.all(
      perAccount.map(async ({ account }) => {
        const stored = [...records.values()].flatMap((r) =>
          r.read && r.accountId === account.accountId ? [r.read] : [],
        );
        try {
          await lookUpDestinations(stored, account.destinations);
        } catch (error) {
          deps.log.warn(
            { account: account.accountId, err: describeFailure(error) },
            "reading the fleet's destinations failed",
          );
        }
      }),
    );
    for (const record of records.values()) if (record.read) record.findings = assess(record.read);
    rowsChanged();
  }

  function refresh(): FleetStatus {
    if (status.state === "loading") return status;
    status = {
      state: "loading",
      loaded: 0,
      total: null,
      failed: 0,
      accounts: [],
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
    const info = accountInfo.get(record.accountId);
    const row: PoolSummary = {
      id: record.id,
      name: record.name,
      region: record.region,
      accountId: record.accountId,
      accountName: info?.name ?? record.accountId,
      ouPath: info?.ouPath ?? null,
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

  const view = (row: PoolSummary): FleetPoolView => ({
    row,
    read: records.get(poolKey({ accountId: row.accountId, poolId: row.id }))?.read ?? null,
    destinations: readers.get(row.accountId)?.destinations ?? null,
  });

  return {
    status: () => status,
    refresh,
    list(filter, keep) {
      if (status.state === "idle" || (status.state === "ready" && now() - completedAtMs >= deps.cacheTtlMs))
        refresh();
      // The rows come in the requested order already; the domain's filter and (now linear) sort
      // keep the list semantics in one place.
      const rows = sortedRows(filter.sort);
      return { ...queryPools(keep ? rows.filter((row) => keep(view(row))) : rows, filter), fleet: status };
    },
    pools: () => sortedRows("name").map(view),
    forAccount(account) {
      readers.set(account.accountId, account);
      const recordOf = (poolId: string) => records.get(poolKey({ accountId: account.accountId, poolId }));
      return {
        async readPool(region, poolId, options = {}) {
          const record = recordOf(poolId);
          if (
            !options.fresh &&
            record?.read &&
            !record.stale &&
            now() - record.read.readAt < deps.cacheTtlMs
          ) {
            return record.read;
          }
          const read = await readPool(account, region, poolId, options.deadline);
          store(read);
          return read;
        },
        async readConfiguration(region, poolId, facts, deadline) {
          const startedAt = now();
          const delivery = await account.cognito.getLogDeliveryConfiguration(region, poolId, deadline);
          const { model, problems } = fromAwsLogConfigurations(delivery.logConfigurations);
          return { facts, configuration: model, configurationProblems: problems, startedAt, readAt: now() };
        },
        store,
        invalidate(poolId) {
          const record = recordOf(poolId);
          if (record) record.stale = true;
        },
        reassess(poolId) {
          const record = recordOf(poolId);
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
            if (!record.read || !configuration || record.accountId !== account.accountId) continue;
            const uses = [configuration.userNotification, configuration.userAuthEvents].some(
              (d) => d !== null && wanted.has(`${d.kind}|${d.arn}`),
            );
            if (!uses) continue;
            record.findings = assess(record.read);
            changed = true;
          }
          if (changed) rowsChanged();
        },
      };
    },
    accountOfPool(poolId) {
      for (const record of records.values()) if (record.id === poolId) return record.accountId;
      return null;
    },
    settled: () => current,
  };
}

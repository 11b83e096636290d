/**
 * The organization's accounts (issue 14): which accounts the console reads, how it reaches each one
 * (its own credentials, or a role assumed in the account), and each account's services bound to it.
 *
 * Three sources (config.ts AccountsConfig): `own` — the console's own account alone (its id from
 * GetCallerIdentity); `organization` — AWS Organizations' ACTIVE accounts with their OU paths, read
 * from the management account or a delegated administrator, each member read through the role of
 * the configured name; `list` — the configured role ARNs. A failing account is one row of its own
 * (fleet/service.ts); it never fails the others.
 */

import { AsyncLocalStorage } from "node:async_hooks";
import {
  type AccountError,
  type AccountRegion,
  type AccountSource,
  type AccountSummary,
  roleSessionName,
} from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import { type Deadline, raceSignal } from "../../aws/deadline.ts";
import { AwsCallError, deadlineExceeded } from "../../aws/errors.ts";
import type { Gateways } from "../../aws/gateways.ts";
import type { CallerIdentity } from "../../aws/sts-gateway.ts";
import type { AccountsConfig } from "../../config.ts";
import { ASSUME_DENIED, MEMBER_ROLE_HINT, THROTTLING_ERRORS } from "../../lib/aws-failures.ts";
import { ServiceError } from "../../lib/errors.ts";
import type { PoolDeliveryService } from "../delivery/service.ts";
import type { DestinationService } from "../destinations/service.ts";
import type { FixesService } from "../fixes/service.ts";
import type { AccountFleet, FleetAccount, FleetAccounts } from "../fleet/service.ts";
import type { LogDeliveryService } from "../pools/service.ts";
import { enabledRegions } from "./enabled-regions.ts";

/** One account the console reads, as configured or discovered. */
export interface AccountEntry {
  accountId: string;
  name: string;
  /** OU names from the root down, "" at the root; null without Organizations. */
  ouPath: string | null;
  /** The role assumed in it; null: the console's own credentials (its own account). */
  roleArn: string | null;
  externalId: string | null;
  own: boolean;
}

/** One account's gateways and services, every AWS call signed for that account. */
export interface AccountScope {
  entry: AccountEntry;
  gateways: Gateways;
  destinations: DestinationService;
  logDelivery: LogDeliveryService;
  fixes: FixesService;
  fleet: AccountFleet;
  /** Is each event source of a pool delivering, read through this account's clients (features/delivery). */
  delivery: PoolDeliveryService;
  /** The account's clients' sockets and cached credentials go (shutdown). */
  destroy(): void;
}

export interface AccountDirectory {
  /** The accounts as last discovered (discovering them first if never done), each with its last status. */
  list(deadline?: Deadline): Promise<{
    source: AccountSource;
    error?: AccountError;
    ouPathsError?: AccountError;
    accounts: AccountSummary[];
  }>;
  /**
   * The scope of one account the console reads; a 404 problem for any other id (so no input can
   * make the console assume roles or build clients of its choice).
   */
  scope(accountId: string, deadline?: Deadline): Promise<AccountScope>;
  /** The console's own account (GetCallerIdentity, remembered). */
  ownAccountId(deadline?: Deadline): Promise<string>;
  /**
   * The accounts of a fleet read: discovery runs again, each account's scope is built once.
   * `onAccount` is given each organization account as soon as its ListAccounts page arrives, its
   * OU path still null (the answer has it): the fleet starts reading it before the OU tree is walked.
   */
  fleetAccounts(onAccount?: (account: FleetAccount) => void): Promise<FleetAccounts>;
  /** The console's own account's scope (legacy single-account paths, guided creation). */
  ownScope(deadline?: Deadline): Promise<AccountScope>;
  /** Closes every account's clients. */
  destroy(): void;
}

/** What the directory needs from the rest of the app (wiring.ts gives it). */
export interface AccountDirectoryDeps {
  config: AccountsConfig;
  regions: readonly string[];
  /** The console's own gateways: STS identity, Organizations, and the own account's regions. */
  own: Pick<Gateways, "organizations" | "account"> & {
    callerIdentity(deadline?: Deadline): Promise<CallerIdentity>;
  };
  /** Builds an account's scope: own credentials for the own account, the assumed role otherwise. */
  buildScope(entry: AccountEntry): AccountScope;
  /** The last fleet read's row of an account (its status and regions), if it was read. */
  lastStatus(accountId: string): AccountSummary | undefined;
  log: FastifyBaseLogger;
  /** How long a discovery is reused by the API (the fleet read always discovers again). */
  discoveryTtlMs: number;
  now?: () => number;
}

const operatorContext = new AsyncLocalStorage<string>();

/**
 * Runs `work` for a signed-in operator: a role assumed for it carries the operator's name in its
 * RoleSessionName (CloudTrail shows who did what). Background work runs without and signs as
 * `clc-fleet` (domain roleSessionName).
 */
export function asOperator<T>(operator: string | null, work: () => Promise<T>): Promise<T> {
  return operator === null ? work() : operatorContext.run(operator, work);
}

/** The RoleSessionName of the current call: the operator's, or `clc-fleet` outside a user request. */
export function currentSessionName(): string {
  return roleSessionName(operatorContext.getStore() ?? null);
}

/** Error codes of a role that cannot be assumed (missing, untrusted, wrong external id). */

/** The codes of an account row whose role STS refused (describeAccountFailure keeps AWS's code). */
export const ROLE_REFUSED: ReadonlySet<string> = ASSUME_DENIED;
/** Codes AWS answers for a call to a region the account has not enabled (opt-in regions). */
const REGION_NOT_ENABLED = new Set(["UnrecognizedClientException", "InvalidClientTokenId", "AuthFailure"]);

/**
 * Whether AWS refused the call (a 4xx of its own): only then may a permission be missing. Not for
 * no answer, AWS's own failure, a request rate (TooManyRequestsException, throttling) or an answer
 * that made no sense.
 */
function refusedByAws(error: unknown): boolean {
  return (
    error instanceof AwsCallError &&
    error.kind === "service" &&
    error.status < 500 &&
    !THROTTLING_ERRORS.has(error.code)
  );
}

/**
 * An account's failure in the user's terms, with what to do. `roleArn` null: the console's own
 * credentials failed.
 */
export function describeAccountFailure(
  error: unknown,
  account: { roleArn: string | null; own: boolean },
): AccountError {
  const code = error instanceof AwsCallError ? error.code : error instanceof Error ? error.name : "Error";
  const awsMessage = error instanceof Error ? error.message : String(error);
  const operation = error instanceof AwsCallError ? error.operation : "";
  if (operation === "sts.AssumeRole" && ASSUME_DENIED.has(code)) {
    return {
      code,
      message: `The console could not assume ${account.roleArn}: the role is missing in this account, its trust policy does not allow the console's principal, or the external id differs (AWS: ${awsMessage}).`,
      whatToDo: MEMBER_ROLE_HINT,
    };
  }
  if (code === "AWSOrganizationsNotInUseException") {
    return {
      code,
      message: "The console's account is in no AWS organization.",
      whatToDo:
        "Run the console with the management account's (or a delegated administrator's) credentials, list the roles in CLC_ACCOUNT_ROLES, or set CLC_ACCOUNTS=own.",
    };
  }
  if (operation.startsWith("organizations.") && !refusedByAws(error)) {
    // No answer in time, a throttle or AWS's own failure: no permission is missing.
    return {
      code,
      message: `AWS Organizations did not list the accounts (${operation}: ${awsMessage}): it did not answer in time, was busy, or failed on its side.`,
      whatToDo: "Refresh the fleet in a moment; no permission is missing.",
    };
  }
  if (operation.startsWith("organizations.")) {
    return {
      code,
      message: `AWS Organizations refused to list the accounts (${operation}: ${awsMessage}).`,
      whatToDo:
        "Give the console's principal organizations:ListAccounts, ListRoots, ListOrganizationalUnitsForParent and ListParents in the management account, or register its account as a delegated administrator.",
    };
  }
  if (error instanceof AwsCallError && (error.kind === "timeout" || error.kind === "network")) {
    return {
      code,
      message: `AWS did not answer for this account in time (${operation}: ${awsMessage}).`,
      whatToDo: "Refresh the fleet in a moment; the other accounts are not affected.",
    };
  }
  return {
    code,
    message: `${operation ? `${operation}: ` : ""}${awsMessage}`,
    whatToDo: account.own
      ? "Check the console's own credentials and their permissions (docs/iam-permissions.md)."
      : "Check the member role's permissions in this account (Accounts page: Test connection names what is missing).",
  };
}

/**
 * Why the OU tree could not be read (ListRoots, ListOrganizationalUnitsForParent or ListParents
 * failed after ListAccounts worked), in the user's terms: the accounts are listed and read, each
 * showing the OU path last known. What to do names the refused call's permission: each of these
 * operations needs the IAM action of its own name (AWS Organizations API reference).
 */
export function describeOuTreeFailure(error: unknown): AccountError {
  const code = error instanceof AwsCallError ? error.code : error instanceof Error ? error.name : "Error";
  const awsMessage = error instanceof Error ? error.message : String(error);
  const operation = error instanceof AwsCallError ? error.operation : "";
  const message = `The console listed the organization's accounts but could not read its OU tree (${operation ? `${operation}: ` : ""}${awsMessage}). Accounts show the OU path the console knew last, if any.`;
  if (!refusedByAws(error)) {
    return {
      code,
      message,
      whatToDo: "Refresh the fleet in a moment; the accounts' pools are read meanwhile.",
    };
  }
  const action = operation.startsWith("organizations.")
    ? `organizations:${operation.slice("organizations.".length)}`
    : "organizations:ListRoots, ListOrganizationalUnitsForParent and ListParents";
  return {
    code,
    message,
    whatToDo: `Grant ${action} to the console's principal (its role or user in the management account, or a delegated administrator), then refresh the fleet.`,
  };
}

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`); `aws` when there is none. */
function partitionOf(arn: string | null): string {
  const partition = arn?.split(":")[1];
  return partition && /^aws(-[a-z-]+)?$/.test(partition) ? partition : "aws";
}

/**
 * Runs `work` over `items`, at most `limit` at once (Organizations allows a few requests per second).
 * Stops taking items once one fails (its error is the answer) or `signal` is aborted: a large
 * organization's remaining calls would only spend Organizations' quota on an answer nobody reads.
 */
async function eachLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length && !failed && !signal?.aborted) {
        const index = next++;
        try {
          results[index] = await work(items[index] as T);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
  signal?.throwIfAborted();
  return results;
}

/**
 * The OU path of each account, from the OU tree: ListRoots, ListOrganizationalUnitsForParent down
 * from each root, and ListParents of each account. Answers account id → `Workloads/Prod` ("" at the
 * root), or null for an account whose parent the walk did not reach (an OU created meanwhile, or an
 * answer that nests too deep): not known, rather than shown at the root. Throws the error of the
 * first call that failed; the calls still to make (parents or OUs) are then not made.
 */
async function ouPaths(
  organizations: Gateways["organizations"],
  accountIds: readonly string[],
  deadline?: Deadline,
): Promise<Map<string, string | null>> {
  // Each account's parent is asked while the OU tree is walked: neither waits for the other (the
  // fleet read waits for both before any account is read, issue 14's org bench).
  const failed = new AbortController();
  const parentsAsked = eachLimited(
    accountIds,
    4,
    async (id) => ({ id, parent: await organizations.parentOf(id, deadline) }),
    failed.signal,
  );
  parentsAsked.catch((error: unknown) => failed.abort(error));
  const units = new Map<string, { name: string; parentId: string | null }>();
  try {
    const roots = await organizations.listRoots(deadline);
    for (const root of roots) units.set(root.id, { name: "", parentId: null });
    let level = roots.map((r) => r.id);
    // Organizations nests OUs five levels deep at most; the bound stops a cycle in a wrong answer.
    for (let depth = 0; depth < 6 && level.length > 0; depth++) {
      const children = await eachLimited(
        level,
        4,
        async (parentId) =>
          (await organizations.listOrganizationalUnits(parentId, deadline)).map((ou) => ({
            ...ou,
            parentId,
          })),
        failed.signal,
      );
      level = [];
      for (const ou of children.flat()) {
        if (units.has(ou.id)) continue;
        units.set(ou.id, { name: ou.name, parentId: ou.parentId });
        level.push(ou.id);
      }
    }
  } catch (error) {
    // A parent's failure aborted the walk: its error is the one to report.
    const first = failed.signal.aborted ? failed.signal.reason : error;
    failed.abort(first);
    throw first;
  }
  const pathOf = (unitId: string): string | null => {
    const names: string[] = [];
    let id = unitId;
    for (let i = 0; i < 10; i++) {
      const unit = units.get(id);
      if (!unit) return null;
      if (unit.parentId === null) return names.join("/");
      names.unshift(unit.name);
      id = unit.parentId;
    }
    return null;
  };
  const parents = await parentsAsked;
  return new Map(parents.map(({ id, parent }) => [id, pathOf(parent.id)]));
}

/**
 * A caller waits for a shared call until its deadline (then a 504 problem naming `operation`, as
 * lib/account.ts answers); the shared call goes on for the others.
 */
function within<T>(shared: Promise<T>, deadline: Deadline | undefined, operation: string): Promise<T> {
  if (!deadline) return shared;
  return raceSignal(shared, deadline.signal).catch((error: unknown) => {
    throw deadline.signal.aborted ? deadlineExceeded(operation, deadline) : error;
  });
}

interface Discovery {
  at: number;
  source: AccountSource;
  entries: AccountEntry[];
  error?: AccountError;
  /** The accounts were listed but the OU tree could not be read: `entries` hold the OU paths last known. */
  ouError?: AccountError;
}

export function createAccountDirectory(deps: AccountDirectoryDeps): AccountDirectory {
  const now = deps.now ?? Date.now;
  const scopes = new Map<string, AccountScope>();
  let identity: Promise<CallerIdentity> | null = null;
  let discovered: Discovery | null = null;
  /** The discovery under way: its answer, the accounts listed so far, and who hears the next ones. */
  let discovering: {
    promise: Promise<Discovery>;
    listed: AccountEntry[];
    listeners: Set<(entry: AccountEntry) => void>;
  } | null = null;

  function ownIdentity(deadline?: Deadline): Promise<CallerIdentity> {
    if (!identity) {
      const started = deps.own.callerIdentity();
      identity = started;
      // A failure is not remembered: fixed credentials are picked up at the next call.
      started.catch(() => {
        if (identity === started) identity = null;
      });
    }
    const shared = identity;
    return within(shared, deadline, "sts.GetCallerIdentity");
  }

  function ownEntry(id: CallerIdentity): AccountEntry {
    return {
      accountId: id.account,
      name: id.account,
      ouPath: null,
      roleArn: null,
      externalId: null,
      own: true,
    };
  }

  /** `onEntry`: each ACTIVE organization account as its page arrives, before its OU path is known. */
  async function discover(deadline?: Deadline, onEntry?: (entry: AccountEntry) => void): Promise<Discovery> {
    const config = deps.config;
    const me = await ownIdentity(deadline);
    if (config.kind === "own") return { at: now(), source: "own", entries: [ownEntry(me)] };
    if (config.kind === "list") {
      return {
        at: now(),
        source: "list",
        entries: config.roles.map((role) => ({
          accountId: role.accountId,
          name: role.accountId,
          ouPath: null,
          roleArn: role.roleArn,
          externalId: role.externalId,
          own: false,
        })),
      };
    }
    const partition = partitionOf(me.arn);
    const entryOf = (a: { id: string; name: string }, ouPath: string | null): AccountEntry => {
      const own = a.id === me.account;
      return {
        accountId: a.id,
        name: a.name,
        ouPath,
        // The console's own account is read with its own credentials: it needs no role there.
        roleArn: own ? null : `arn:${partition}:iam::${a.id}:role/${config.roleName}`,
        externalId: own ? null : config.externalId,
        own,
      };
    };
    try {
      const accounts = (
        await deps.own.organizations.listAccounts(
          deadline,
          onEntry &&
            ((page) => {
              for (const a of page) if (a.state === "ACTIVE") onEntry(entryOf(a, null));
            }),
        )
      ).filter((a) => a.state === "ACTIVE");
      // An account's OU path last known: kept when this discovery cannot tell it (never shown at the root).
      const last = new Map(discovered?.entries.map((e) => [e.accountId, e.ouPath]));
      let paths: Map<string, string | null>;
      try {
        paths = await ouPaths(
          deps.own.organizations,
          accounts.map((a) => a.id),
          deadline,
        );
      } catch (error) {
        // The accounts are known: they are read, each with the OU path last known (the fleet keeps
        // what its rows and store showed when this process has none), and the status says why.
        const ouError = describeOuTreeFailure(error);
        deps.log.warn({ err: ouError.message }, "reading the organization's OU tree failed");
        return {
          at: now(),
          source: "organization",
          entries: accounts.map((a) => entryOf(a, last.get(a.id) ?? null)),
          ouError,
        };
      }
      return {
        at: now(),
        source: "organization",
        entries: accounts.map((a) => entryOf(a, paths.get(a.id) ?? last.get(a.id) ?? null)),
      };
    } catch (error) {
      if (
        config.fallbackToOwn &&
        error instanceof AwsCallError &&
        error.code === "AWSOrganizationsNotInUseException"
      ) {
        deps.log.info(
          "the sandbox has no organization: the console reads its own account (set CLC_ACCOUNTS to choose)",
        );
        return { at: now(), source: "own", entries: [ownEntry(me)] };
      }
      const failure = describeAccountFailure(error, { roleArn: null, own: true });
      deps.log.warn({ err: failure.message }, "discovering the organization's accounts failed");
      // The accounts still known keep being read; the own account at least.
      const known = discovered?.source === "organization" ? discovered.entries : [ownEntry(me)];
      // The OU tree was not read this time either: its last failure still stands for the paths shown.
      return {
        at: now(),
        source: "organization",
        entries: known,
        error: failure,
        ...(discovered?.ouError ? { ouError: discovered.ouError } : {}),
      };
    }
  }

  /**
   * One discovery at a time; `fresh` asks AWS again whatever the age of the last one. Without it, and
   * without `onEntry`, one older than the TTL is answered as it is while a new one runs. `onEntry`
   * sees the accounts of the discovery under way as they are listed, those listed before it joined
   * first (a fleet read right after start-up joins the discovery the start-up began).
   */
  async function entries(
    fresh: boolean,
    deadline?: Deadline,
    onEntry?: (entry: AccountEntry) => void,
  ): Promise<Discovery> {
    if (!fresh && discovered && now() - discovered.at < deps.discoveryTtlMs) return discovered;
    const last = discovered;
    if (!discovering) {
      const listed: AccountEntry[] = [];
      const listeners = new Set<(entry: AccountEntry) => void>();
      const promise = discover(undefined, (entry) => {
        listed.push(entry);
        for (const listener of listeners) listener(entry);
      }).then((result) => {
        discovered = result;
        return result;
      });
      const started = { promise, listed, listeners };
      discovering = started;
      void promise
        .catch(() => undefined)
        .finally(() => {
          listeners.clear();
          if (discovering === started) discovering = null;
        });
    }
    const pending = discovering;
    // Older than the TTL, for a request (not a fleet read, which asks fresh): answered as it is,
    // while the discovery just begun brings it up to date for the next one. Before, every request
    // after the TTL waited for ListAccounts, and with AWS Organizations slow even a pool page whose
    // rows were cached answered 504 naming ListAccounts.
    if (!fresh && last && !onEntry) return last;
    if (onEntry) {
      for (const entry of pending.listed) onEntry(entry);
      pending.listeners.add(onEntry);
    }
    return within(pending.promise, deadline, "organizations.ListAccounts");
  }

  function scopeOf(entry: AccountEntry): AccountScope {
    let scope = scopes.get(entry.accountId);
    // A changed entry (renamed, moved to another OU, new role) gets a scope of its own.
    if (scope && (scope.entry.roleArn !== entry.roleArn || scope.entry.externalId !== entry.externalId)) {
      scope.destroy();
      scopes.delete(entry.accountId);
      scope = undefined;
    }
    if (!scope) {
      scope = deps.buildScope(entry);
      scopes.set(entry.accountId, scope);
    } else {
      scope.entry = entry;
    }
    return scope;
  }

  /**
   * Whether each configured region is enabled in the account (account:ListRegions, else
   * ec2:DescribeRegions: enabled-regions.ts); all of them when both are refused.
   */
  async function regionStatus(scope: AccountScope, deadline: Deadline): Promise<AccountRegion[]> {
    // The role's first call: a role that cannot be assumed fails the account here (thrown).
    const found = await enabledRegions(scope.gateways, deadline);
    const enabled = found.enabled;
    if (found.failures.length > 0) {
      // Without either, every configured region is read; one that is not enabled answers as such
      // (REGION_NOT_ENABLED) and is shown as not enabled.
      deps.log.info(
        { account: scope.entry.accountId, failures: found.failures, source: found.source },
        enabled === null
          ? "account:ListRegions and ec2:DescribeRegions failed; reading every configured region"
          : "account:ListRegions failed; the enabled regions come from ec2:DescribeRegions",
      );
    }
    return deps.regions.map((region) => ({
      region,
      status: enabled === null || enabled.has(region) ? ("ok" as const) : ("not-enabled" as const),
    }));
  }

  /** What an account's row and its fleet account show of its entry. */
  const shownOf = ({ accountId, name, ouPath, roleArn, own }: AccountEntry) => ({
    accountId,
    name,
    ouPath,
    roleArn,
    own,
  });

  function summaryOf(entry: AccountEntry): AccountSummary {
    const last = deps.lastStatus(entry.accountId);
    return {
      ...shownOf(entry),
      // Under AWS Organizations every account has a path ("" at the root), so null is one not known
      // (the OU tree could not be read since this process started): the fleet's last known. For a
      // list of roles or the own account alone, null is "no OU", whatever an earlier set-up showed.
      ouPath: entry.ouPath ?? (deps.config.kind === "organization" ? last?.ouPath : null) ?? null,
      status: last?.status ?? "pending",
      ...(last?.error ? { error: last.error } : {}),
      regions: last?.regions ?? deps.regions.map((region) => ({ region, status: "pending" as const })),
    };
  }

  return {
    async list(deadline) {
      const found = await entries(false, deadline);
      return {
        source: found.source,
        ...(found.error ? { error: found.error } : {}),
        ...(found.ouError ? { ouPathsError: found.ouError } : {}),
        accounts: found.entries.map(summaryOf),
      };
    },
    async scope(accountId, deadline) {
      let found = await entries(false, deadline);
      let entry = found.entries.find((e) => e.accountId === accountId);
      // An account added since the last discovery: one more look before saying no.
      if (!entry && found.source === "organization") {
        found = await entries(true, deadline);
        entry = found.entries.find((e) => e.accountId === accountId);
      }
      if (!entry) {
        throw new ServiceError("not-found", "account-not-found", "Account not found", {
          detail: `The console does not read account ${accountId}.`,
          hint:
            found.source === "organization"
              ? "Only the organization's active accounts are read; check the account id, or that the account is ACTIVE in AWS Organizations."
              : found.source === "list"
                ? "Add the account's role ARN to CLC_ACCOUNT_ROLES to read it."
                : "The console reads only its own account; set CLC_ORGANIZATION_ROLE_NAME or CLC_ACCOUNT_ROLES to read others.",
        });
      }
      return scopeOf(entry);
    },
    async ownAccountId(deadline) {
      return (await ownIdentity(deadline)).account;
    },
    async ownScope(deadline) {
      // No discovery for it: the own account is read with the console's own credentials whatever
      // the organization says, and a pool page must not wait for Organizations.
      const me = await ownIdentity(deadline);
      const existing = scopes.get(me.account);
      if (existing?.entry.own) return existing;
      return scopeOf(discovered?.entries.find((e) => e.accountId === me.account) ?? ownEntry(me));
    },
    async fleetAccounts(onAccount) {
      const fleetAccount = (entry: AccountEntry): FleetAccount => {
        const scope = scopeOf(entry);
        return {
          ...shownOf(entry),
          ouPathKnown: entry.ouPath !== null || deps.config.kind !== "organization",
          cognito: scope.gateways.cognito,
          destinations: scope.destinations,
          regionStatus: (_regions, deadline) => regionStatus(scope, deadline),
        };
      };
      let found: Discovery;
      try {
        found = await entries(true, undefined, onAccount && ((entry) => onAccount(fleetAccount(entry))));
      } catch (error) {
        // The own identity failed (STS): the one row says so; nothing else can be read.
        return {
          accounts: [],
          failed: [
            {
              accountId: "",
              name: "This console's account",
              ouPath: null,
              roleArn: null,
              own: true,
              status: "error",
              error: describeAccountFailure(error, { roleArn: null, own: true }),
              regions: deps.regions.map((region) => ({ region, status: "error" as const })),
            },
          ],
        };
      }
      const accounts = found.entries.map(fleetAccount);
      return {
        accounts,
        ...(found.error ? { error: found.error } : {}),
        ...(found.ouError ? { ouError: found.ouError } : {}),
      };
    },
    destroy() {
      for (const scope of scopes.values()) scope.destroy();
      scopes.clear();
    },
  };
}

/**
 * Whether a call failed because the account's role cannot be assumed: STS refused it (the role is
 * missing, its trust policy or the external id), not throttled nor unreachable.
 */
export function roleNotAssumed(error: unknown): boolean {
  return (
    error instanceof AwsCallError && error.operation === "sts.AssumeRole" && ASSUME_DENIED.has(error.code)
  );
}

/** Whether a call failed because its region is not enabled in the account (an opt-in region). */
export function regionNotEnabled(error: unknown): boolean {
  return error instanceof AwsCallError && REGION_NOT_ENABLED.has(error.code);
}

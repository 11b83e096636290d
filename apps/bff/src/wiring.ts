import { randomUUID } from "node:crypto";
import type { PoolDeliveryResponse } from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import { type AwsClients, type AwsTarget, createAwsClients } from "./aws/clients.ts";
import type { CognitoGateway } from "./aws/cognito-gateway.ts";
import { type CognitoReadWorkers, startCognitoReadWorkers } from "./aws/cognito-read-workers.ts";
import { createGateways, type Gateways } from "./aws/gateways.ts";
import { createRoleClients } from "./aws/role-clients.ts";
import type { Config, OidcConfig } from "./config.ts";
import { enabledByDefault } from "./features/accounts/enabled-regions.ts";
import {
  type AccountDirectory,
  type AccountEntry,
  type AccountScope,
  createAccountDirectory,
  currentSessionName,
  describeAccountFailure,
  ROLE_REFUSED,
  regionNotEnabled,
  roleNotAssumed,
} from "./features/accounts/service.ts";
import { createAuditSink } from "./features/audit/sink.ts";
import { type AuditSink, noAudit } from "./features/audit/trail.ts";
import { createFleetDeliveryService, type FleetDeliveryService } from "./features/delivery/fleet.ts";
import { createPoolDeliveryService } from "./features/delivery/service.ts";
import { createDestinationService } from "./features/destinations/service.ts";
import { createFixesService } from "./features/fixes/service.ts";
import { createFleetService, type FleetService } from "./features/fleet/service.ts";
import {
  createFreshnessService,
  DEFAULT_FRESHNESS,
  type FreshnessService,
} from "./features/freshness/service.ts";
import { createNotifyRelay, type NotifyRelay } from "./features/notifications/relay.ts";
import { type DemoCredential, prepareOperators } from "./features/operators/startup.ts";
import { createLogDeliveryService } from "./features/pools/service.ts";
import { createStandardService, type StandardService } from "./features/standard/service.ts";
import { type AccountService, createAccountService } from "./lib/account.ts";
import { createDeliveryPolicyWriter, type DeliveryPolicyWriter } from "./lib/delivery-policies.ts";
import { createKeyedMutex } from "./lib/keyed-mutex.ts";
import { createReadPacer, type ReadPacer, scopedPacer } from "./lib/read-pacer.ts";
import { type AccessControl, createAccessControl } from "./plugins/access.ts";
import { type FreshnessMarkStore, memoryFreshnessMarks } from "./store/freshness-marks.ts";
import { openStores } from "./store/index.ts";
import { memoryStandardStore, type StandardStore } from "./store/standard.ts";
import type { LeaseStore, ReadBudgetStore, Stores } from "./store/types.ts";

/** Everything the routes call, built once per app. */
export interface Services {
  config: Config;
  target: AwsTarget;
  clients: AwsClients;
  /** The threads that make Cognito reads (config.cognitoReadWorkers > 0); closed with the app. */
  cognitoReadWorkers?: CognitoReadWorkers;
  account: AccountService;
  cognito: CognitoGateway;
  /** One gateway per AWS service, the only code that calls AWS. */
  gateways: Gateways;
  fleet: FleetService;
  /** The accounts the console reads, each with its services (features/accounts). */
  accounts: AccountDirectory;
  /** Delivery states across the fleet (each pool's check goes through its account's scope). */
  fleetDelivery: FleetDeliveryService;
  /** The one writer of shared delivery-policy documents: fixes and guided creation serialize through it. */
  policies: DeliveryPolicyWriter;
  audit: AuditSink;
  /** `notifications.notify(event)`: tell the admins' webhooks (features/notifications; never waits, never throws). */
  notifications: NotifyRelay;
  /**
   * Called with every pool delivery answer of every account (the pool page's and the fleet sweep's),
   * so that a source turning silent or failing can be told (features/notifications).
   */
  deliveryWatchers: Array<(answer: PoolDeliveryResponse, accountId: string) => void>;
  /** Freshness by events (issue 16): started by the app once it listens; off without config.freshness. */
  freshness: FreshnessService;
  /** The logging standard, its exemptions and each pool's compliance (features/standard). */
  standard: StandardService;
}

/** The one place where gateways and services are put together (by hand: no container). */
export function wireServices(
  config: Config,
  target: AwsTarget,
  log: FastifyBaseLogger,
  audit?: AuditSink,
  readBudget?: ReadBudgetStore,
  standardStore: StandardStore = memoryStandardStore(),
  freshnessMarks: FreshnessMarkStore = memoryFreshnessMarks(),
  /** With replicas (a shared read budget): their leases, so one of them sweeps at a time. */
  leases?: LeaseStore,
): Services {
  const deliveryWatchers: Services["deliveryWatchers"] = [];
  const pacer = createReadPacer({
    requestsPerSecond: config.cognitoReadRps,
    maxConcurrency: config.cognitoMaxConcurrency,
    // One place per (account, region); idle ones beyond this are forgotten (a new bucket starts full).
    maxRegions: config.regions.length * 64 + 16,
    ...(readBudget
      ? {
          shared: readBudget,
          onSharedError: (error: unknown) =>
            log.error(
              { err: error },
              "the shared Cognito read budget failed; reads are paced by this replica only",
            ),
        }
      : {}),
  });
  // Started on the first read; closed with the services (Services.close).
  const cognitoReadWorkers =
    config.cognitoReadWorkers > 0 ? startCognitoReadWorkers(config.cognitoReadWorkers) : undefined;
  /** The clients of one account: `place` keys its reads' pacing (the region alone for the own account). */
  const clientsFor = (
    place: (region: string) => string,
    credentials?: Parameters<typeof createAwsClients>[0]["credentials"],
  ) =>
    createAwsClients({
      target,
      callTimeoutMs: config.awsCallTimeoutMs,
      // A background call gets what a user request gets, for its own attempts and retries (its wait for
      // the read quota is not counted: see aws/deadline.ts startBackgroundBudget).
      backgroundCallBudgetMs: config.awsRequestDeadlineMs,
      beforeCognitoReadAttempt: (region, signal) => pacer.takeToken(place(region), signal),
      afterRefusedCognitoReadAttempt: (region) => pacer.giveBackToken(place(region)),
      // Other regions' clients (a destination ARN may name any region) are kept in a bounded cache.
      pinnedRegions: config.regions,
      ...(credentials ? { credentials } : {}),
      ...(cognitoReadWorkers ? { cognitoReadWorkers } : {}),
    });
  const clients = clientsFor((region) => region);
  const cacheTtlMs = config.cacheTtlSeconds * 1000;
  const homeRegion = config.regions[0] ?? "us-east-1";
  const gateways = createGateways(clients, pacer);
  const { cognito } = gateways;
  const account = createAccountService({ sts: gateways.sts, homeRegion });
  // A read that confirms what AWS holds after a write gets its own short budget: the user's deadline
  // may be spent on the write itself, and "it worked, but we cannot show you" helps nobody.
  const confirmBudgetMs = Math.min(config.awsRequestDeadlineMs, 5_000);
  const policies = createDeliveryPolicyWriter(createKeyedMutex());

  let accounts: AccountDirectory | null = null;
  const fleet = createFleetService({
    accounts: (onAccount) => (accounts as AccountDirectory).fleetAccounts(onAccount),
    describeAccountFailure,
    regionNotEnabled,
    enabledByDefault,
    regions: config.regions,
    accountDeadlineMs: config.awsRequestDeadlineMs,
    cacheTtlMs,
    readSlots: config.cognitoMaxConcurrency,
    log,
  });

  /** One account's services over its gateways, every key and cache of them naming the account. */
  function buildScope(entry: AccountEntry): AccountScope {
    let scopeClients: AwsClients = clients;
    let scopeGateways: Gateways = gateways;
    if (!entry.own && entry.roleArn !== null) {
      const roleArn = entry.roleArn;
      const place = (region: string) => `${entry.accountId}:${region}`;
      scopeClients = createRoleClients({
        sessionName: currentSessionName,
        backgroundSession: "clc-fleet",
        backgroundCallBudgetMs: config.awsRequestDeadlineMs,
        credentials: (sessionName) =>
          gateways.sts.roleCredentials({ roleArn, externalId: entry.externalId, sessionName }, homeRegion),
        create: (credentials) => clientsFor(place, credentials),
      });
      const memberPacer: ReadPacer = scopedPacer(pacer, entry.accountId);
      scopeGateways = createGateways(scopeClients, memberPacer);
    }
    const { logs, firehose, s3 } = scopeGateways;
    const accountId = async () => entry.accountId;
    const destinations = createDestinationService({
      logs,
      firehose,
      s3,
      accountId,
      cacheTtlMs,
      ...(config.cacheMaxEntries !== undefined ? { maxEntries: config.cacheMaxEntries } : {}),
    });
    const accountFleet = fleet.forAccount({
      accountId: entry.accountId,
      cognito: scopeGateways.cognito,
      destinations,
    });
    const logDelivery = createLogDeliveryService({
      regions: config.regions,
      cognito: scopeGateways.cognito,
      fleet: accountFleet,
      destinations,
      // Confirming what a Set stored is one read: a few seconds are plenty, and never more than a request gets.
      confirmBudgetMs,
    });
    const fixes = createFixesService({
      policies,
      confirmBudgetMs,
      regions: config.regions,
      accountId,
      cognito: scopeGateways.cognito,
      logs,
      firehose,
      s3,
      destinations,
      fleet: accountFleet,
      logDelivery,
    });
    // Its own pacing (pacing.ts): each account has its own CloudWatch, Logs and S3 quotas.
    const poolDelivery = createPoolDeliveryService({
      ...scopeGateways,
      regions: config.regions,
      fleet: accountFleet,
    });
    return {
      entry,
      gateways: scopeGateways,
      destinations,
      logDelivery,
      fixes,
      fleet: accountFleet,
      delivery: {
        async read(poolId, query, deadline) {
          const answer = await poolDelivery.read(poolId, query, deadline);
          for (const watch of deliveryWatchers) watch(answer, entry.accountId);
          return answer;
        },
      },
      // The own account's clients are the app's, closed with it.
      destroy: () => {
        if (scopeClients !== clients) scopeClients.destroy();
      },
    };
  }

  accounts = createAccountDirectory({
    config: config.accounts,
    regions: config.regions,
    own: {
      organizations: gateways.organizations,
      account: gateways.account,
      callerIdentity: (deadline) => gateways.sts.callerIdentity(homeRegion, deadline),
    },
    buildScope,
    lastStatus: (accountId) => fleet.status().accounts?.find((a) => a.accountId === accountId),
    log,
    discoveryTtlMs: cacheTtlMs,
  });
  const directory = accounts;
  const fleetDelivery = createFleetDeliveryService({
    fleet,
    deliveryOf: async (accountId) => (await directory.scope(accountId)).delivery,
    ttlMs: cacheTtlMs,
    checkBudgetMs: config.awsRequestDeadlineMs,
    log,
  });
  const freshnessAccount = async (accountId: string, deadline?: Parameters<AccountDirectory["scope"]>[1]) => {
    const scope = await directory.scope(accountId, deadline);
    const summary = (await directory.list(deadline)).accounts.find((a) => a.accountId === accountId);
    const regions = summary?.regions.length
      ? summary.regions.filter((r) => r.status !== "not-enabled").map((r) => r.region)
      : config.regions;
    return { accountId, own: summary?.own ?? false, regions, gateways: scope.gateways };
  };
  const freshness = createFreshnessService({
    config: config.freshness ?? { ...DEFAULT_FRESHNESS, enabled: false },
    fleet,
    accounts: async () => {
      const { accounts: listed } = await directory.list();
      return Promise.all(
        listed.map(async (a) => ({
          ...(await freshnessAccount(a.accountId)),
          ...(a.status === "error" && a.error && ROLE_REFUSED.has(a.error.code) ? { unreadable: true } : {}),
        })),
      );
    },
    account: freshnessAccount,
    marks: freshnessMarks,
    leftOut: (error, account) =>
      roleNotAssumed(error) ? "unreachable" : !account.own && regionNotEnabled(error) ? "not-enabled" : null,
    ...(readBudget && leases ? { leases: { store: leases, owner: `freshness:${randomUUID()}` } } : {}),
    callBudgetMs: config.awsRequestDeadlineMs,
    log,
  });
  return {
    config,
    target,
    clients,
    ...(cognitoReadWorkers ? { cognitoReadWorkers } : {}),
    account,
    cognito,
    gateways,
    fleet,
    accounts,
    fleetDelivery,
    policies,
    audit: audit ?? noAudit,
    notifications: createNotifyRelay(),
    deliveryWatchers,
    freshness,
    standard: createStandardService({ store: standardStore, fleet }),
  };
}

export interface ConsoleAccess {
  readonly stores: Stores;
  /** For buildApp's `auth`. */
  readonly auth: AccessControl;
  /** For buildApp's `audit`. */
  readonly audit: AuditSink;
  /** Sandbox mode: the demo operators to print. */
  readonly demoCredentials: readonly DemoCredential[];
  close(): Promise<void>;
}

/**
 * Opens the operator database (SQLite in the data directory, or PostgreSQL) and puts the access
 * plugin and the audit trail together on it, once the operators are ready for the mode
 * (features/operators/startup.ts `prepareOperators`, whose errors it throws, the store closed).
 */
export async function openConsoleAccess(options: {
  mode: "sandbox" | "aws";
  dataDir: string;
  /** Set: the PostgreSQL store at this URL instead of SQLite in `dataDir`. */
  databaseUrl?: string | null;
  env?: Readonly<Record<string, string | undefined>>;
  /** Single sign-on (config.oidc); null or absent: off. */
  oidc?: OidcConfig | null;
  /** config.localOperators; default true. */
  localOperators?: boolean;
}): Promise<ConsoleAccess> {
  const stores = await openStores({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl ?? undefined,
  });
  try {
    const demoCredentials = await prepareOperators({
      mode: options.mode,
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      operators: stores.operators,
      env: options.env ?? process.env,
      singleSignOn: Boolean(options.oidc),
    });
    const audit = createAuditSink({ store: stores.audit });
    return {
      stores,
      auth: createAccessControl({
        stores,
        audit,
        refuseDemoOperators: options.mode === "aws",
        oidc: options.oidc ?? null,
        localOperators: options.localOperators ?? true,
      }),
      audit,
      demoCredentials,
      close: () => stores.close(),
    };
  } catch (error) {
    await stores.close();
    throw error;
  }
}

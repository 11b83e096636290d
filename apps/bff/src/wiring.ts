import { type Destination, EVENT_SOURCES } from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import { type AwsClients, type AwsTarget, createAwsClients } from "./aws/clients.ts";
import type { CognitoGateway } from "./aws/cognito-gateway.ts";
import { createGateways, type Gateways } from "./aws/gateways.ts";
import type { Config } from "./config.ts";
import { type AccountService, createAccountService } from "./services/account.ts";
import { assessPool, type KnownDestinations } from "./services/assessment.ts";
import { type AuditSink, noAudit } from "./services/audit-sink.ts";
import { createDeliveryPolicyWriter, type DeliveryPolicyWriter } from "./services/delivery-policies.ts";
import { createDestinationService, type DestinationService } from "./services/destinations.ts";
import { createFixesService, type FixesService } from "./services/fixes.ts";
import { createFleetService, type FleetService } from "./services/fleet.ts";
import { createKeyedMutex } from "./services/keyed-mutex.ts";
import { createLogDeliveryService, type LogDeliveryService } from "./services/log-delivery.ts";
import { createReadPacer } from "./services/read-pacer.ts";

/** Everything the routes call, built once per app. */
export interface Services {
  config: Config;
  target: AwsTarget;
  clients: AwsClients;
  account: AccountService;
  cognito: CognitoGateway;
  /** One gateway per AWS service, the only code that calls AWS. */
  gateways: Gateways;
  fleet: FleetService;
  destinations: DestinationService;
  logDelivery: LogDeliveryService;
  fixes: FixesService;
  /** The one writer of shared delivery-policy documents: fixes and guided creation serialize through it. */
  policies: DeliveryPolicyWriter;
  audit: AuditSink;
}

/** The one place where gateways and services are put together (by hand: no container). */
export function wireServices(
  config: Config,
  target: AwsTarget,
  log: FastifyBaseLogger,
  audit?: AuditSink,
): Services {
  const pacer = createReadPacer({
    requestsPerSecond: config.cognitoReadRps,
    maxConcurrency: config.cognitoMaxConcurrency,
    maxRegions: config.regions.length + 16,
  });
  const clients = createAwsClients({
    target,
    callTimeoutMs: config.awsCallTimeoutMs,
    // A background call gets what a user request gets, for its own attempts and retries (its wait for
    // the read quota is not counted: see aws/deadline.ts startBackgroundBudget).
    backgroundCallBudgetMs: config.awsRequestDeadlineMs,
    beforeCognitoReadAttempt: (region, signal) => pacer.takeToken(region, signal),
    afterRefusedCognitoReadAttempt: (region) => pacer.giveBackToken(region),
    // Other regions' clients (a destination ARN may name any region) are kept in a bounded cache.
    pinnedRegions: config.regions,
  });
  const cacheTtlMs = config.cacheTtlSeconds * 1000;
  const homeRegion = config.regions[0] ?? "us-east-1";
  const gateways = createGateways(clients, pacer);
  const { cognito, logs, firehose, s3 } = gateways;
  const account = createAccountService({ sts: gateways.sts, homeRegion });
  const accountId = () => account.accountId();
  const destinations = createDestinationService({
    logs,
    firehose,
    s3,
    accountId,
    cacheTtlMs,
    ...(config.cacheMaxEntries !== undefined ? { maxEntries: config.cacheMaxEntries } : {}),
  });
  const fleet = createFleetService({
    cognito,
    regions: config.regions,
    accountId,
    cacheTtlMs,
    // The fleet view stays cheap: it judges with the destination facts already cached, no extra calls.
    assess: (read) => {
      const known: KnownDestinations = {};
      for (const source of EVENT_SOURCES) {
        const destination = read.configuration[source];
        if (destination) known[source] = destinations.cachedKnowledge(destination);
      }
      return assessPool(
        read.facts,
        read.configuration,
        known,
        destinations.cachedResourcePolicies(read.facts.region),
      );
    },
    enrich: async (reads) => {
      const regions = new Set<string>();
      const wanted = new Map<string, { region: string; destination: Destination }>();
      for (const read of reads) {
        for (const source of EVENT_SOURCES) {
          const destination = read.configuration[source];
          if (!destination) continue;
          wanted.set(`${destination.kind}|${destination.arn}`, { region: read.facts.region, destination });
          if (destination.kind === "logGroup") regions.add(read.facts.region);
        }
      }
      // A fleet read (Refresh, or the cache's expiry) re-reads what the rows are judged on: a tag
      // removed elsewhere must not read "OK" for another cache lifetime. Policies first, since a log
      // group's lookup judges its delivery policy on them. One failure must not hide the others.
      await Promise.allSettled(
        [...regions].map((region) => destinations.resourcePolicies(region, undefined, { fresh: true })),
      );
      await Promise.allSettled(
        [...wanted.values()].map(({ region, destination }) =>
          destinations.knowledge(destination, region, undefined, { fresh: true }),
        ),
      );
    },
    log,
  });
  // A read that confirms what AWS holds after a write gets its own short budget: the user's deadline
  // may be spent on the write itself, and "it worked, but we cannot show you" helps nobody.
  const confirmBudgetMs = Math.min(config.awsRequestDeadlineMs, 5_000);
  const logDelivery = createLogDeliveryService({
    regions: config.regions,
    cognito,
    fleet,
    destinations,
    // Confirming what a Set stored is one read: a few seconds are plenty, and never more than a request gets.
    confirmBudgetMs,
  });
  const policies = createDeliveryPolicyWriter(createKeyedMutex());
  const fixes = createFixesService({
    policies,
    confirmBudgetMs,
    regions: config.regions,
    accountId,
    cognito,
    logs,
    firehose,
    s3,
    destinations,
    fleet,
    logDelivery,
  });
  return {
    config,
    target,
    clients,
    account,
    cognito,
    gateways,
    fleet,
    destinations,
    logDelivery,
    fixes,
    policies,
    audit: audit ?? noAudit,
  };
}

import type { FastifyBaseLogger } from "fastify";
import { type AwsClients, type AwsTarget, createAwsClients } from "./aws/clients.ts";
import { type CognitoGateway, createCognitoGateway } from "./aws/cognito-gateway.ts";
import { createStsGateway } from "./aws/sts-gateway.ts";
import type { Config } from "./config.ts";
import { type AccountService, createAccountService } from "./services/account.ts";
import { assessPool } from "./services/assessment.ts";
import { type AuditSink, noAudit } from "./services/audit-sink.ts";
import { createFleetService, type FleetService } from "./services/fleet.ts";
import { createReadPacer } from "./services/read-pacer.ts";

/** Everything the routes call, built once per app. */
export interface Services {
  config: Config;
  target: AwsTarget;
  clients: AwsClients;
  account: AccountService;
  cognito: CognitoGateway;
  fleet: FleetService;
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
  });
  const clients = createAwsClients({
    target,
    callTimeoutMs: config.awsCallTimeoutMs,
    beforeCognitoReadAttempt: (region) => pacer.takeToken(region),
  });
  const homeRegion = config.regions[0] ?? "us-east-1";
  const account = createAccountService({ sts: createStsGateway(clients), homeRegion });
  const cognito = createCognitoGateway(clients, pacer);
  const fleet = createFleetService({
    cognito,
    regions: config.regions,
    accountId: () => account.accountId(),
    cacheTtlMs: config.cacheTtlSeconds * 1000,
    assess: (read) =>
      assessPool(read.facts, read.configuration, { userNotification: null, userAuthEvents: null }),
    log,
  });
  return { config, target, clients, account, cognito, fleet, audit: audit ?? noAudit };
}

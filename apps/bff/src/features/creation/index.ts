import type { FastifyBaseLogger } from "fastify";
import type { CreationRunStore } from "../../store/types.ts";
import type { Services } from "../../wiring.ts";
import { type CreationService, type CreationTiming, createCreationService } from "./service.ts";

export type { CreationService, CreationTrail } from "./service.ts";

/**
 * Log paths where a Firehose access key, or an endpoint URL that may carry credentials, could
 * appear; buildApp's pino redaction includes them so neither reaches a log line even if a body or
 * input object is logged by mistake.
 */
export const CREATION_SECRET_LOG_PATHS = [
  "accessKey",
  "*.accessKey",
  "target.accessKey",
  "input.target.accessKey",
  "req.body.input.target.accessKey",
  "req.body.target.accessKey",
  "target.url",
  "input.target.url",
  "req.body.input.target.url",
  "req.body.target.url",
] as const;

/** The creation service on top of the app's gateways, regions, account and policy writer. */
export function createDestinationCreation(
  services: Services,
  log: FastifyBaseLogger,
  runStore?: CreationRunStore,
  timing?: Partial<CreationTiming>,
): CreationService {
  return createCreationService({
    ...(runStore ? { runStore } : {}),
    aws: services.gateways,
    regions: services.config.regions,
    policies: services.policies,
    accountId: (deadline) => services.account.accountId(deadline),
    // A member account's destination is created through its role (the account's scope).
    accountScope: async (accountId, deadline) => {
      const scope = await services.accounts.scope(accountId, deadline);
      return { aws: scope.gateways, roleArn: scope.entry.roleArn };
    },
    log,
    ...(services.config.runClaimMs === undefined ? {} : { claimMs: services.config.runClaimMs }),
    // The sandbox activates streams at once and has no IAM propagation delay.
    timing:
      timing ??
      (services.target.mode === "sandbox"
        ? { streamPollMs: 100, streamActiveTimeoutMs: 60_000, roleRetryDelaysMs: [] }
        : {}),
  });
}

import type { FastifyBaseLogger } from "fastify";
import { createReadPacer } from "../../lib/read-pacer.ts";
import { createSqliteStores } from "../../store/sqlite/index.ts";
import type { BatchStore, LeaseStore, ReadBudgetStore } from "../../store/types.ts";
import type { Services } from "../../wiring.ts";
import { type BatchService, createBatchService } from "./service.ts";
import { createStandardPlanner } from "./standard-plan.ts";

export type { BatchService } from "./service.ts";

/**
 * The batch service on top of the app's accounts, fleet and audit trail. Batches are kept in
 * `stores` (the console's store: they survive a restart and replicas share them); without it, in a
 * private in-memory SQLite database closed with the service (API-logic tests).
 */
export function createBatches(
  services: Services,
  log: FastifyBaseLogger,
  stores?: { batches: BatchStore; leases: LeaseStore },
  readBudget?: ReadBudgetStore,
): BatchService {
  const own = stores ? null : createSqliteStores(":memory:");
  const kept = stores ?? (own as NonNullable<typeof own>);
  // SetLogDeliveryConfiguration counts against Cognito's "user pool update" quota (rules doc §5): the
  // read pacer's buckets, per account and region, at the batches' own rate; replicas share it through
  // the database as they share the read quota (budget `cognito-write:<place>`).
  const writePacer = createReadPacer({
    requestsPerSecond: services.config.batchWriteRps ?? 2,
    maxConcurrency: 1,
    budgetName: "cognito-write",
    ...(readBudget
      ? {
          shared: readBudget,
          onSharedError: (error: unknown) =>
            log.error(
              { err: error },
              "the shared Cognito write budget failed; batches are paced by this replica only",
            ),
        }
      : {}),
  });
  const service = createBatchService({
    store: kept.batches,
    leases: kept.leases,
    accounts: services.accounts,
    fleet: services.fleet,
    audit: services.audit,
    writePacer,
    poolDeadlineMs: services.config.awsRequestDeadlineMs,
    leaseMs: services.config.runClaimMs ?? 60_000,
    log,
    standardPlanner: createStandardPlanner({
      standard: services.standard,
      fleet: services.fleet,
      policies: services.policies,
      audit: services.audit,
    }),
  });
  return {
    ...service,
    async close() {
      await service.close();
      await own?.close();
    },
  };
}

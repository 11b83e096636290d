import { randomUUID } from "node:crypto";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AwsTarget } from "./aws/clients.ts";
import type { Config } from "./config.ts";
import { registerSecurityHeaders } from "./plugins/security-headers.ts";
import "./plugins/route-access.ts";
import { registerAccountRoutes } from "./features/accounts/routes.ts";
import { registerMemberRoleRoutes } from "./features/accounts/template-routes.ts";
import { registerAuditRoutes } from "./features/audit/routes.ts";
import type { AuditSink } from "./features/audit/trail.ts";
import { createBatches } from "./features/batches/index.ts";
import { registerBatchRollback } from "./features/batches/rollback-routes.ts";
import { registerBatchRoutes } from "./features/batches/routes.ts";
import { CREATION_SECRET_LOG_PATHS, createDestinationCreation } from "./features/creation/index.ts";
import { registerDestinationCreationRoutes } from "./features/creation/routes.ts";
import { registerDeliveryRoutes } from "./features/delivery/routes.ts";
import { registerDestinationRoutes } from "./features/destinations/routes.ts";
import { registerExportRoutes } from "./features/export/routes.ts";
import { registerFixRoutes } from "./features/fixes/routes.ts";
import { registerFleetRoutes } from "./features/fleet/routes.ts";
import { registerFreshnessRoutes } from "./features/freshness/routes.ts";
import { registerHealthRoutes } from "./features/health/routes.ts";
import {
  NOTIFICATION_SECRET_LOG_PATHS,
  registerNotificationRoutes,
  startNotifications,
} from "./features/notifications/index.ts";
import type { DeliveryTiming } from "./features/notifications/sender.ts";
import { registerLogDeliveryRoutes } from "./features/pools/routes.ts";
import { registerRollbackRoutes } from "./features/rollback/routes.ts";
import { registerStandardRoutes } from "./features/standard/routes.ts";
import { registerSavedViewRoutes } from "./features/views/routes.ts";
import { createSavedViewService } from "./features/views/service.ts";
import type { AccessControl } from "./plugins/access.ts";
import { installRequestDeadlines } from "./plugins/deadlines.ts";
import { handleClientError, handleFrameworkError, installNodeAnswers } from "./plugins/framework-errors.ts";
import { installHostAllowlist } from "./plugins/host-allowlist.ts";
import { installErrorHandling } from "./plugins/problems.ts";
import { registerRateLimits } from "./plugins/rate-limits.ts";
import { registerWebApp } from "./plugins/static.ts";
import type { FleetSnapshotStore } from "./store/fleet-snapshot.ts";
import type { FreshnessMarkStore } from "./store/freshness-marks.ts";
import type { StandardStore } from "./store/standard.ts";
import type { BatchStore, CreationRunStore, LeaseStore, ReadBudgetStore } from "./store/types.ts";
import { wireServices } from "./wiring.ts";

/** 64 kB: the largest legitimate body (an edit, a fix) is well under 1 kB. */
const BODY_LIMIT_BYTES = 64 * 1024;
const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

export interface AppDeps {
  config: Config;
  /** Where AWS is: the sandbox's URL in sandbox mode, or real AWS. */
  target: AwsTarget;
  /**
   * The operator-access plugin (plugins/access.ts): registered before the routes; enforces `config.access`.
   * Required so that no caller can forget it: only tests of the API's own logic say "none" out loud.
   */
  auth: AccessControl | "none";
  /** The audit trail (features/audit); write routes record attempts and outcomes in it. */
  audit?: AuditSink;
  /** Where destination-creation runs are kept across restarts; without it they live in memory only. */
  creationRuns?: CreationRunStore;
  /** Where the fleet's last known state is kept (store/fleet-snapshot.ts); without it a restart starts empty. */
  fleetSnapshot?: FleetSnapshotStore;
  /**
   * With replicas (a shared `readBudget`, so a shared database), how often each pulls the fleet rows
   * the others wrote (ms; default 2,000): FleetService.restore's `followMs`.
   */
  fleetFollowMs?: number;
  /** Where batches and their leases are kept across restarts; without them, in memory only. */
  batchStores?: { batches: BatchStore; leases: LeaseStore };
  /** The Cognito read budget replicas share (PostgreSQL); without it each process paces its own reads. */
  readBudget?: ReadBudgetStore;
  /** Where the logging standard and its exemptions are kept; without it they live in memory only. */
  standardStore?: StandardStore;
  /** What freshness by events remembers across restarts (store/freshness-marks.ts); without it, memory only. */
  freshnessMarks?: FreshnessMarkStore;
  /** Fastify logger options; tests pass false. Defaults to JSON logs at config.logLevel. */
  logger?: FastifyServerOptions["logger"];
  /** Webhook retries' timing (features/notifications/sender.ts); tests make them short. */
  notificationTiming?: Partial<DeliveryTiming>;
  /** Where the default logger writes (stdout when absent); the secret-leak test captures it here. */
  logStream?: { write(line: string): void };
}

/** How often replicas pull one another's fleet rows (ms): a change shows on all within about this. */
const DEFAULT_FLEET_FOLLOW_MS = 2_000;

/** Builds the whole app (not listening): tests call it over HTTP exactly as the browser does. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger ?? {
      level: config.logLevel,
      redact: {
        paths: [
          "req.headers.authorization",
          "req.headers.cookie",
          'res.headers["set-cookie"]',
          'req.headers["x-csrf-token"]',
          // A Firehose endpoint's access key is sent to AWS once and must never reach a log line.
          ...CREATION_SECRET_LOG_PATHS,
          // A webhook's address carries its secret in its path.
          ...NOTIFICATION_SECRET_LOG_PATHS,
        ],
        censor: "[redacted]",
      },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    bodyLimit: BODY_LIMIT_BYTES,
    // Only the listed proxies' X-Forwarded-* are believed (config.ts says why not `true`).
    trustProxy: config.trustProxy === false ? false : config.trustProxy,
    // Slow and idle clients (issue 20: 1,100 half-open connections stopped the BFF). Node checks the
    // header and request deadlines every connectionsCheckingInterval, so keep it below them.
    http: {
      headersTimeout: config.http.headersTimeoutMs,
      requestTimeout: config.http.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(config.http.headersTimeoutMs / 4))),
    },
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.idleTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    // Counted by installNodeAnswers instead: Node's own limit answers a bare 503.
    maxRequestsPerSocket: 0,
    // Honour a caller's request id when it is safe to log and echo; otherwise make one.
    genReqId: (req) => {
      const header = req.headers["x-request-id"];
      return typeof header === "string" && REQUEST_ID_RE.test(header) ? header : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Router and HTTP-parser refusals answer problem documents too (plugins/framework-errors.ts).
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  }).withTypeProvider<ZodTypeProvider>();

  // Beyond this many open connections Node closes new ones at once, so slow clients cannot exhaust
  // file descriptors and memory.
  app.server.maxConnections = config.http.maxConnections;
  installNodeAnswers(app, config.http.maxRequestsPerSocket);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installRequestDeadlines(app, config.awsRequestDeadlineMs);
  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  // Strict CSP (self only, no inline script, frame-ancestors 'none') and no-store on /api: plugins/security-headers.ts.
  await registerSecurityHeaders(app);
  installHostAllowlist(app, config.allowedHosts);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Cognito Log Console API",
        version: "1.0.0",
        description: "The BFF of the Cognito Log Console: see and change where user pools export their logs.",
      },
      tags: [
        { name: "health" },
        { name: "context" },
        { name: "pools" },
        { name: "log-delivery" },
        { name: "destinations" },
        { name: "fixes" },
        { name: "accounts" },
        { name: "views" },
        { name: "batches" },
        { name: "standard" },
      ],
    },
    transform: jsonSchemaTransform,
  });

  const services = wireServices(
    config,
    deps.target,
    app.log,
    deps.audit,
    deps.readBudget,
    deps.standardStore,
    deps.freshnessMarks,
    deps.batchStores?.leases,
  );
  // The fleet's last known state, shown at once after a restart (0 Cognito reads). Replicas follow
  // one another's rows: a change event reaches one of them, and its row must show on all.
  if (deps.fleetSnapshot)
    await services.fleet.restore(deps.fleetSnapshot, {
      ...(deps.readBudget ? { followMs: deps.fleetFollowMs ?? DEFAULT_FLEET_FOLLOW_MS } : {}),
      ...(deps.freshnessMarks ? { marks: deps.freshnessMarks } : {}),
    });
  app.addHook("onReady", async () => {
    // Not awaited: the first read waits for a worker still starting; readiness does not.
    services.cognitoReadWorkers?.start();
    return services.freshness.start();
  });
  // The fleet closes first (synchronously: no pool read starts from here on), so that the change
  // queue's readers and the sweep, whose reads wait in the same queues, end at once too. Once, for
  // whichever hook asks first: Fastify runs onClose hooks last-added first, and the notifications'
  // hook (added below) must wait for the reads that end meanwhile, which judge pools and notify.
  let readsClosed: Promise<void> | null = null;
  const closeReads = () => {
    readsClosed ??= (async () => {
      const fleetClosed = services.fleet.close();
      await services.freshness.stop();
      await fleetClosed;
    })();
    return readsClosed;
  };
  app.addHook("onClose", async () => {
    await closeReads();
    services.accounts.destroy();
    services.clients.destroy();
    await services.cognitoReadWorkers?.close();
  });

  if (deps.auth !== "none") {
    await app.register(deps.auth);
    const notifications = startNotifications(services, {
      store: deps.auth.notificationStore,
      audit: services.audit,
      log: app.log,
      ...(deps.notificationTiming ? { timing: deps.notificationTiming } : {}),
    });
    registerNotificationRoutes(app, notifications.service);
    app.addHook("onClose", async () => {
      await closeReads();
      await notifications.watch.settled();
      await notifications.service.settled();
    });
    // The trail of operators' changes is read only with sign-in: no operators, no trail to show.
    registerAuditRoutes(app, {
      store: deps.auth.auditTrail,
      // The trail holds pool ids only; a pool asked for by name is looked up among the fleet's rows.
      poolNames: () => {
        const names = new Map<string, string>();
        for (let offset = 0; ; offset += 500) {
          const page = services.fleet.list({ sort: "name", offset, limit: 500 });
          for (const pool of page.items) names.set(pool.id, pool.name);
          if (page.items.length < 500) return names;
        }
      },
    });
    registerRollbackRoutes(app, services, deps.auth.auditTrail);
    // Saved views belong to operators: without sign-in there is nobody to own one.
    registerSavedViewRoutes(
      app,
      createSavedViewService({ store: deps.auth.savedViews, audit: services.audit }),
    );
  }
  // Per operator and route, on the routes that spend AWS quotas; before any of them is registered.
  await registerRateLimits(app, config.rateLimits);

  registerHealthRoutes(app, services);
  app.get(
    "/api/openapi.json",
    {
      config: { access: "public" },
      schema: { operationId: "getOpenApi", tags: ["health"], summary: "This document." },
    },
    async () => app.swagger(),
  );
  registerFleetRoutes(app, services);
  registerFreshnessRoutes(app, services);
  registerAccountRoutes(app, services);
  registerLogDeliveryRoutes(app, services);
  registerDeliveryRoutes(app, services);
  registerDestinationRoutes(app, services);
  registerFixRoutes(app, services);
  registerExportRoutes(app, services);
  registerMemberRoleRoutes(app, services);
  registerStandardRoutes(app, services);
  registerDestinationCreationRoutes(
    app,
    createDestinationCreation(services, app.log, deps.creationRuns),
    config.regions,
    services.audit,
  );
  const batches = createBatches(services, app.log, deps.batchStores, deps.readBudget);
  app.addHook("onClose", () => batches.close());
  registerBatchRoutes(app, batches);
  if (deps.auth !== "none") registerBatchRollback(app, services, batches, deps.auth.auditTrail);
  await registerWebApp(app, config.webDist, { serveSourceMaps: config.mode === "sandbox" });

  return app;
}

/**
 * @clc/sandbox: a local AWS for the log-delivery APIs. `startSandbox()` runs it in-process on a free
 * port (tests, the BFF's embedded mode); `src/cli.ts` runs it standalone.
 */
import type { AddressInfo } from "node:net";
import { lookupThrough } from "./core/lookups.ts";
import type { SandboxServices, StatefulService } from "./core/types.ts";
import { createApiEventFeed } from "./delivery/api-events.ts";
import { createDeliveryFaults, type DeliveryFault } from "./delivery/faults.ts";
import { createDelivery } from "./delivery/index.ts";
import { StateFile } from "./persistence/store.ts";
import {
  applyRealismPatch,
  defaultRealism,
  type RealismConfig,
  type RealismPatch,
} from "./realism/config.ts";
import { DEMO_REGIONS } from "./seed/context.ts";
import { seedDemo } from "./seed/demo.ts";
import { seedFleet } from "./seed/fleet.ts";
import { seedOrganization } from "./seed/organization.ts";
import { type AnsweredCall, createSandboxServer } from "./server.ts";
import { createAccountService } from "./services/account/index.ts";
import { createCloudTrailService } from "./services/cloudtrail/index.ts";
import { createCloudWatchService } from "./services/cloudwatch/index.ts";
import { createCognitoService } from "./services/cognito/index.ts";
import { createEc2Service } from "./services/ec2/index.ts";
import { createEventsService, type EventDelivery } from "./services/events/index.ts";
import { createFirehoseService } from "./services/firehose/index.ts";
import { createIamService } from "./services/iam/index.ts";
import { createLogsService } from "./services/logs/index.ts";
import { createOrganizationsService } from "./services/organizations/index.ts";
import { createS3Service } from "./services/s3/index.ts";
import { createSqsService } from "./services/sqs/index.ts";
import { createStsService } from "./services/sts/index.ts";

export { AwsError } from "./core/types.ts";
export type { RealismConfig, RealismPatch } from "./realism/config.ts";
export {
  CONSOLE_ACTIONS,
  CONSOLE_POLICY_NAME,
  CONSOLE_ROLE_NAME,
  DEMO_MEMBERS,
  DEMO_OPT_IN_REGION,
} from "./seed/organization.ts";
export type { AnsweredCall } from "./server.ts";
export type { EventDelivery } from "./services/events/index.ts";

export type SeedName = "demo" | "none" | `fleet:${number}` | `org:${number}x${number}`;

/** The organization a seed made (the start-up line, tests), or undefined without one. */
export interface SandboxOrganization {
  id: string;
  managementAccountId: string;
  rootId: string;
  accounts: { id: string; name: string; status: string; ouPath: string }[];
  ous: { id: string; name: string; parentId: string }[];
}

export interface SandboxOptions {
  /** 0 = a free port (the default in-process). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Host names the sandbox answers to besides loopback names (DNS-rebinding guard; server.ts). */
  allowedHosts?: string[];
  /** Default 123456789012. */
  accountId?: string;
  /** Default "none" in-process; the CLI defaults to "demo". Ignored when `dataDir` already holds a saved state. */
  seed?: SeedName;
  /** Save the state here after every change and load it at start. */
  dataDir?: string;
  /** Starting realism; any subset, nested groups too. */
  realism?: RealismPatch;
  /** CREATING → ACTIVE delay of new Firehose streams; default 0 in-process. */
  firehoseActivationDelayMs?: number;
  /** A slow trickle of simulated log events in the demo. */
  demoTrickle?: boolean;
  log?: (line: string) => void;
  /** How the latency switch waits (default: a timer); tests inject one to check the delay applied. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds for role sessions (issue and expiry); tests pass their own to expire credentials. */
  clock?: () => number;
  /** Seeds `demo` and `org:AxP`: the roles' trust policies require this `sts:ExternalId` (default: none). */
  externalId?: string;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:4566 */
  endpoint: string;
  accountId: string;
  /** The regions the seed put resources in (the sandbox's own account's). */
  regions: string[];
  /** The organization (seeds `demo` and `org:AxP`; CreateOrganization), read when asked. */
  organization(): SandboxOrganization | undefined;
  /** Patch the realism switches at run time (nested groups may be partial). Throws on invalid values. */
  setRealism(patch: RealismPatch | Partial<RealismConfig>): void;
  calls(): { total: number; byOperation: Record<string, number> };
  resetCalls(): void;
  /**
   * Calls `listener` with every AWS call answered from now on (operation, signer's access key and
   * region, status, error code, arrival and answer times); returns the unsubscribe. For in-process
   * accounting such as the bench's, which a counting proxy in front would add CPU and a hop to.
   */
  observe(listener: (call: AnsweredCall) => void): () => void;
  /**
   * Test/seed setup: a LITE pool that still runs threat protection, a state AWS holds for pools from
   * before feature plans but that no API call can create today (rules doc §1).
   */
  holdLegacyThreatProtection(userPoolId: string, mode: "AUDIT" | "ENFORCED"): void;
  /**
   * Test switch: a destination that silently drops what Cognito sends it, or a Firehose stream whose
   * HTTP endpoint fails ("none" restores it). Same as `POST /_sandbox/delivery-faults`.
   */
  setDeliveryFault(destinationArn: string, fault: DeliveryFault | "none"): void;
  /** EventBridge's delivery attempts in an account and region (newest last), with why each failed. */
  eventDeliveries(accountId: string, region: string): EventDelivery[];
  /** CloudTrail events still waiting for their delay (`cloudTrailEventDelayMs`). */
  pendingEvents(): number;
  close(): Promise<void>;
}

/** Bounds of `org:ACCOUNTSxPOOLS`: pools are per member account and per region (two regions). */
export const MAX_ORG_ACCOUNTS = 200;
export const MAX_ORG_POOLS = 1000;

/** The organization as the start-up line and tests read it: accounts with their OU paths (`Root/Production`). */
function describeOrganization(
  organizations: ReturnType<typeof createOrganizationsService>,
): SandboxOrganization | undefined {
  const org = organizations.organization();
  if (!org) return undefined;
  const ous = organizations.ous();
  const pathOf = (parentId: string): string => {
    const names: string[] = [];
    for (let at = ous.find((o) => o.id === parentId); at; at = ous.find((o) => o.id === at?.parentId))
      names.unshift(at.name);
    return ["Root", ...names].join("/");
  };
  return {
    id: org.id,
    managementAccountId: org.managementAccountId,
    rootId: org.rootId,
    accounts: organizations
      .accounts()
      .map((a) => ({ id: a.id, name: a.name, status: a.status, ouPath: pathOf(a.parentId) })),
    ous: ous.map((o) => ({ ...o })),
  };
}

export function parseSeed(value: string): SeedName {
  if (value === "demo" || value === "none") return value;
  const m = /^fleet:(\d{1,6})$/.exec(value);
  if (m?.[1] && Number(m[1]) <= 100_000) return `fleet:${Number(m[1])}`;
  const org = /^org:(\d{1,3})[x×](\d{1,4})$/.exec(value);
  if (org?.[1] && org[2]) {
    const accounts = Number(org[1]);
    const pools = Number(org[2]);
    if (
      accounts >= 1 &&
      accounts <= MAX_ORG_ACCOUNTS &&
      pools <= MAX_ORG_POOLS &&
      accounts * pools * 2 <= 100_000
    )
      return `org:${accounts}x${pools}`;
  }
  throw new Error(
    `Unknown seed '${value}': use demo, none, fleet:N with N from 0 to 100000, or org:AxP (A member accounts from 1 to ${MAX_ORG_ACCOUNTS}, P pools per account and region from 0 to ${MAX_ORG_POOLS}, at most 100000 pools in all).`,
  );
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const accountId = options.accountId ?? "123456789012";
  if (!/^\d{12}$/.test(accountId)) throw new Error(`accountId must be 12 digits, got '${accountId}'.`);
  const seed = parseSeed(options.seed ?? "none");
  const log = options.log ?? (() => {});
  const realism = applyRealismPatch(defaultRealism(), options.realism ?? {});

  // Services reach each other lazily through this object (cross-service lookups, Firehose → S3).
  const holder: { services?: SandboxServices } = {};
  const cognito = createCognitoService(lookupThrough(() => holder.services ?? {}));
  const s3 = createS3Service();
  const iam = createIamService();
  const organizations = createOrganizationsService();
  const clock = options.clock ?? Date.now;
  const cloudwatch = createCloudWatchService();
  const faults = createDeliveryFaults();
  const sqs = createSqsService();
  const events = createEventsService();
  const cloudtrail = createCloudTrailService(lookupThrough(() => holder.services ?? {}));
  const account = createAccountService({
    manages: (caller, target) => {
      const org = organizations.organization();
      return org?.managementAccountId === caller && organizations.accounts().some((a) => a.id === target);
    },
  });
  const services = {
    cognito,
    logs: createLogsService(),
    firehose: createFirehoseService({
      firehoseActivationDelayMs: options.firehoseActivationDelayMs ?? 0,
      s3: () => s3,
      observers: () => ({
        metrics: cloudwatch,
        endpointFailing: (ctx, name) => faults.endpointFails(ctx.accountId, ctx.region, name),
      }),
    }),
    s3,
    sts: createStsService({ baseAccountId: accountId, iam: () => iam, now: clock }),
    iam,
    organizations,
    account,
    // EC2's DescribeRegions answers from the Account API's state: both say the same about regions.
    ec2: createEc2Service({ account: () => account }),
    cloudwatch,
    sqs,
    events,
    cloudtrail,
  } satisfies SandboxServices;
  holder.services = services;
  const stateful: Record<string, StatefulService> = {
    cognito,
    logs: services.logs,
    firehose: services.firehose,
    s3: services.s3,
    iam: services.iam,
    sts: services.sts,
    organizations,
    account: services.account,
    cloudwatch,
    sqs,
    events,
    cloudtrail,
  };

  const orgOptions = options.externalId ? { externalId: options.externalId } : {};
  const stateFile = options.dataDir ? new StateFile(options.dataDir, log) : undefined;
  let regions: string[] = [];
  const saved = stateFile?.load();
  if (saved) {
    for (const [name, service] of Object.entries(stateful)) {
      const snapshot = saved.services[name];
      if (service && snapshot !== undefined) service.restore(snapshot);
    }
    regions = [
      ...new Set(
        cognito
          .pools()
          .filter((p) => p.accountId === accountId)
          .map((p) => p.region),
      ),
    ].sort();
    if (regions.length === 0) regions = [...DEMO_REGIONS];
    log(`sandbox: loaded state from ${stateFile?.file}`);
  } else if (seed === "demo") {
    regions = seedDemo({ ...services, cognito }, accountId);
    seedOrganization(services, accountId, "demo", orgOptions);
  } else if (seed.startsWith("org:")) {
    const [accounts, pools] = seed.slice("org:".length).split("x").map(Number);
    regions = seedOrganization(
      services,
      accountId,
      { accounts: accounts ?? 0, pools: pools ?? 0 },
      orgOptions,
    );
  } else if (seed.startsWith("fleet:")) {
    regions = seedFleet({ ...services, cognito }, accountId, Number(seed.slice("fleet:".length)));
  }

  let dirty = stateFile !== undefined && !saved;
  let flushScheduled = false;
  const flush = () => {
    if (!dirty || !stateFile) return;
    dirty = false;
    const snapshots: Record<string, unknown> = {};
    for (const [name, service] of Object.entries(stateful)) if (service) snapshots[name] = service.snapshot();
    try {
      stateFile.save(accountId, snapshots);
    } catch (error) {
      log(`sandbox: could not save state to ${stateFile.file}: ${(error as Error).message}`);
    }
  };
  const changed = () => {
    if (!stateFile) return;
    dirty = true;
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(() => {
        flushScheduled = false;
        flush();
      });
    }
  };
  flush();

  const delivery = createDelivery(services, {
    demoTrickle: options.demoTrickle ?? false,
    accountId,
    changed,
    faults,
    metrics: cloudwatch,
  });
  // The server's realism is read at each call, so a patch of the delay applies to the next event.
  let realismNow = (): RealismConfig => realism;
  const feed = createApiEventFeed({
    cloudtrail,
    events,
    sqs,
    firehose: services.firehose,
    iam: services.iam,
    delayMs: () => realismNow().cloudTrailEventDelayMs,
    now: clock,
    changed,
    log,
  });
  const core = createSandboxServer({
    onServed: (call) => feed.observe(call),
    services,
    accountId,
    now: clock,
    regions: () => regions,
    realism,
    delivery,
    flush,
    changed,
    log,
    sleep: options.sleep,
    allowedHosts: [
      ...(options.allowedHosts ?? []),
      // Listening on a named address means being reached by it.
      ...(options.host && !["0.0.0.0", "::"].includes(options.host) ? [options.host] : []),
    ],
  });

  realismNow = () => core.realism();

  await new Promise<void>((resolve, reject) => {
    core.server.once("error", reject);
    core.server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      core.server.off("error", reject);
      resolve();
    });
  });
  const address = core.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;

  return {
    endpoint: `http://${host}:${address.port}`,
    accountId,
    regions,
    organization: () => describeOrganization(organizations),
    setRealism: (patch) => {
      core.setRealism(patch);
    },
    calls: () => core.calls(),
    resetCalls: () => core.resetCalls(),
    observe: (listener) => core.observe(listener),
    setDeliveryFault(destinationArn, fault) {
      faults.set({ destinationArn, fault });
    },
    eventDeliveries: (account, region) => events.deliveries(account, region),
    pendingEvents: () => feed.pending(),
    holdLegacyThreatProtection(userPoolId, mode) {
      cognito.holdLegacyThreatProtection(userPoolId, mode);
      changed();
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        delivery.close();
        feed.close();
        sqs.close();
        core.release();
        core.server.close(() => {
          flush();
          resolve();
        });
        core.server.closeAllConnections();
      });
      return closing;
    },
  };
}

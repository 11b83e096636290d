import { AccountClient } from "@aws-sdk/client-account";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { EC2Client } from "@aws-sdk/client-ec2";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { STSClient } from "@aws-sdk/client-sts";
import type { CognitoReadWorkers } from "./cognito-read-workers.ts";
import { excludingQuotaWait, raceSignal } from "./deadline.ts";
import { createReadRetryStrategy } from "./read-retry.ts";
import {
  callSignalOf,
  refusedByAws,
  type SignalledClient,
  SignalledHttpHandler,
  withCallSignals,
} from "./sdk-context.ts";

/**
 * Credentials the BFF signs sandbox requests with. They open nothing: the sandbox accepts any key,
 * and real AWS rejects these. Exported so the tests can check they never reach a browser.
 */
export const SANDBOX_CREDENTIALS = {
  accessKeyId: "sandbox-local-access-key",
  secretAccessKey: "sandbox-local-secret-not-a-real-key-000000",
  sessionToken: "sandbox-local-session-token-not-real",
} as const;

export type AwsTarget = { mode: "sandbox"; endpoint: string } | { mode: "aws" };

/** Temporary credentials as the SDK takes them (`expiration`: when they stop working). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
/** The SDK's credential-provider shape: asked before each signed request (clients memoize it). */
export type CredentialProvider = () => Promise<AwsCredentials>;

export interface AwsClientsOptions {
  target: AwsTarget;
  /** Connection and whole-request timeout of each attempt. */
  callTimeoutMs: number;
  /**
   * The budget of a call no user request waits on (the fleet read that fills the cache), all its
   * attempts included. A user request's calls share that request's deadline instead (deadline.ts).
   */
  backgroundCallBudgetMs: number;
  /**
   * Awaited before every HTTP attempt of a Cognito read (retries included), so one token bucket
   * per region paces everything that counts against the "user pool read" quota. `signal`: the
   * call's abort signal (the pacer knows the call's lane by it).
   */
  beforeCognitoReadAttempt?: (region: string, signal?: AbortSignal) => Promise<void>;
  /** Called after an attempt of a Cognito read that AWS refused (throttled or 5xx); see ReadPacer. */
  afterRefusedCognitoReadAttempt?: (region: string) => void;
  /**
   * The regions the console shows: their clients are kept for good. Clients of other regions (a
   * destination ARN may name any) are kept up to `maxOtherRegionClients` (default 16), least recently
   * used first out, so no input can grow the cache (each client holds ~26 KiB and its sockets).
   */
  pinnedRegions?: readonly string[];
  maxOtherRegionClients?: number;
  /**
   * The credentials every client signs with: a member account's assumed role (aws/sts-gateway.ts
   * roleCredentials). Absent: the console's own (the sandbox's fixed keys, or the SDK's default chain).
   */
  credentials?: CredentialProvider;
  /**
   * Worker threads that make the Cognito reads (aws/cognito-read-workers.ts); absent: the reads are
   * made on this thread like every other call.
   */
  cognitoReadWorkers?: CognitoReadWorkers;
}

/** Name each client set's clients in the read workers. */
let clientSets = 0;
let workerClients = 0;

/**
 * Reads retry with a short jittered backoff (read-retry.ts); writes never retry by themselves, because a
 * write whose answer was lost may have been applied: callers re-read instead.
 */
export type CallPurpose = "read" | "write";

const READ_MAX_ATTEMPTS = 5;

/** SQS's longest long poll (ReceiveMessage WaitTimeSeconds maximum, 20 s; SQS API reference). */
export const SQS_LONG_POLL_MS = 20_000;

export interface AwsClients {
  /** What gateways bound a call with when no user request's deadline is given (see callAws). */
  readonly backgroundCallBudgetMs: number;
  cognito(region: string, purpose: CallPurpose): CognitoIdentityProviderClient;
  logs(region: string, purpose: CallPurpose): CloudWatchLogsClient;
  firehose(region: string, purpose: CallPurpose): FirehoseClient;
  s3(region: string, purpose: CallPurpose): S3Client;
  sts(region: string): STSClient;
  /** CloudWatch metrics (delivery verification reads AWS/Cognito and AWS/Firehose); reads only. */
  cloudwatch(region: string): CloudWatchClient;
  /** SQS (the freshness queue): its reads are long polls, so each attempt may take 20 s more than others. */
  sqs(region: string, purpose: CallPurpose): SQSClient;
  /** EventBridge rules (the freshness rule). */
  events(region: string, purpose: CallPurpose): EventBridgeClient;
  /** CloudTrail trails: whether management events are recorded (freshness); reads only. */
  cloudtrail(region: string): CloudTrailClient;
  /** IAM is global: one client, signed for the partition's home region (destination creation's roles). */
  iam(purpose: CallPurpose): IAMClient;
  /** AWS Organizations is global (its endpoint is in us-east-1): discovery of the accounts. */
  organizations(): OrganizationsClient;
  /** The Account Management API is global too: the account's enabled regions (ListRegions). */
  account(): AccountClient;
  /** EC2, for DescribeRegions only: the enabled regions when account:ListRegions is refused. */
  ec2(region: string): EC2Client;
  /** How many clients are cached now (tests of the bound). */
  size(): number;
  /** Closes every client's sockets (shutdown, tests). */
  destroy(): void;
}

interface CachedClient {
  client: { destroy(): void };
  pinned: boolean;
  /** Calls under way: an evicted client is destroyed once none is left. */
  inFlight: number;
  evicted: boolean;
}

/** The part of a client's middleware stack we use, typed loosely (the SDK's generics differ per client). */
interface StackCarrier {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: "initialize"; name: string },
    ): void;
    remove(name: string): boolean;
  };
}

/** The only place that knows how the console reaches AWS; one client per service, region and purpose. */
export function createAwsClients(options: AwsClientsOptions): AwsClients {
  function common(region: string, purpose: CallPurpose) {
    const base = {
      region,
      maxAttempts: purpose === "read" ? READ_MAX_ATTEMPTS : 1,
      // Not the SDK's "adaptive" mode: its client-side limiter cuts the send rate on every throttling
      // answer and recovers slowly, which made a fleet read under 20 % throttling 6.7× slower
      // (bench). The read pacer already holds Cognito reads at the quota; retries need only a short
      // jittered backoff (read-retry.ts).
      ...(purpose === "read"
        ? { retryStrategy: createReadRetryStrategy({ maxAttempts: READ_MAX_ATTEMPTS }) }
        : {}),
      // Each command's middleware resolved once, the call's signal riding with its input
      // (sdk-context.ts withCallSignals, applied in cached()); S3 opts out.
      cacheMiddleware: true,
      requestHandler: new SignalledHttpHandler({
        connectionTimeout: options.callTimeoutMs,
        requestTimeout: options.callTimeoutMs,
        throwOnRequestTimeout: true,
      }),
    } as const;
    const credentials = options.credentials ? { credentials: options.credentials } : {};
    if (options.target.mode === "sandbox") {
      return {
        ...base,
        endpoint: options.target.endpoint,
        credentials: { ...SANDBOX_CREDENTIALS },
        ...credentials,
      };
    }
    // aws mode: the SDK's default credential provider chain (env, profile, SSO, web identity, container, IMDS).
    return { ...base, ...credentials };
  }

  const pinned = new Set(options.pinnedRegions ?? []);
  const maxOthers = options.maxOtherRegionClients ?? 16;
  const entries = new Map<string, CachedClient>();

  /** `region` null: a global service's one client, kept for good. */
  function cached<C extends { destroy(): void }>(key: string, region: string | null, create: () => C): C {
    const existing = entries.get(key);
    if (existing) {
      if (!existing.pinned) {
        // Map order is the LRU order: a use moves the client to the end.
        entries.delete(key);
        entries.set(key, existing);
      }
      return existing.client as C;
    }
    const client = create();
    if (!("middlewareStack" in client)) {
      // A worker's client (cognitoReadWorkers) keeps its own count of calls under way.
      entries.set(key, {
        client,
        pinned: region === null || pinned.has(region),
        inFlight: 0,
        evicted: false,
      });
      evictOthers();
      return client;
    }
    // The SDK's logger middleware: the console gives its clients no logger, yet this SDK version's
    // middleware still walks every call's input and answer through the model's sensitive-data filter
    // to hand the result to the no-op logger (~0.1 ms of CPU per Cognito read, issue 14's org bench).
    (client as unknown as StackCarrier).middlewareStack.remove("loggerMiddleware");
    if (!(client instanceof S3Client)) withCallSignals(client as unknown as SignalledClient);
    const entry: CachedClient = {
      client,
      pinned: region === null || pinned.has(region),
      inFlight: 0,
      evicted: false,
    };
    (client as unknown as StackCarrier).middlewareStack.add(
      (next) => async (args) => {
        entry.inFlight += 1;
        try {
          return await next(args);
        } finally {
          entry.inFlight -= 1;
          if (entry.evicted && entry.inFlight === 0) client.destroy();
        }
      },
      { step: "initialize", name: "clcInFlightCount" },
    );
    entries.set(key, entry);
    evictOthers();
    return client;
  }

  function evictOthers(): void {
    let others = 0;
    for (const e of entries.values()) if (!e.pinned) others += 1;
    for (const [k, e] of entries) {
      if (others <= maxOthers) break;
      if (e.pinned) continue;
      entries.delete(k);
      others -= 1;
      e.evicted = true;
      if (e.inFlight === 0) e.client.destroy();
    }
  }

  const setId = ++clientSets;
  /** What each attempt of a Cognito read awaits first: a token of the read pacer, within the call's deadline. */
  const beforeReadAttempt = options.beforeCognitoReadAttempt;
  const readToken = beforeReadAttempt
    ? (region: string, signal: AbortSignal | undefined): Promise<void> =>
        // A background budget does not count this wait for the quota (aws/deadline.ts).
        signal instanceof AbortSignal
          ? raceSignal(excludingQuotaWait(signal, beforeReadAttempt(region, signal)), signal)
          : beforeReadAttempt(region)
    : null;

  return {
    backgroundCallBudgetMs: options.backgroundCallBudgetMs,
    cognito(region, purpose) {
      const workers = options.cognitoReadWorkers;
      if (purpose === "read" && workers) {
        return cached(`cognito-idp:${region}:read`, region, () => {
          const fixed = options.target.mode === "sandbox" ? { ...SANDBOX_CREDENTIALS } : null;
          const provider = options.credentials;
          return workers.client(
            {
              // One key per client: a client evicted with calls under way forgets its worker-side
              // client later, which must not be the one of the region's next client.
              key: `${setId}:${region}:${++workerClients}`,
              region,
              ...(options.target.mode === "sandbox" ? { endpoint: options.target.endpoint } : {}),
              callTimeoutMs: options.callTimeoutMs,
              maxAttempts: READ_MAX_ATTEMPTS,
            },
            {
              credentials: provider
                ? async () => {
                    const c = await provider();
                    return {
                      accessKeyId: c.accessKeyId,
                      secretAccessKey: c.secretAccessKey,
                      ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
                      ...(c.expiration ? { expiration: c.expiration.getTime() } : {}),
                    };
                  }
                : fixed
                  ? async () => fixed
                  : null,
              ...(readToken ? { beforeAttempt: (signal) => readToken(region, signal) } : {}),
              afterRefused: () => options.afterRefusedCognitoReadAttempt?.(region),
            },
          ) as unknown as CognitoIdentityProviderClient;
        });
      }
      return cached(`cognito-idp:${region}:${purpose}`, region, () => {
        const client = new CognitoIdentityProviderClient(common(region, purpose));
        if (purpose === "read" && readToken) {
          // Placed after the retry middleware, so it runs once per HTTP attempt. A call whose deadline
          // passes while it waits for a token stops waiting (and sends nothing).
          const pacing =
            <A, R>(next: (args: A) => Promise<R>) =>
            async (args: A): Promise<R> => {
              await readToken(region, callSignalOf(args));
              try {
                return await next(args);
              } catch (error) {
                if (refusedByAws(error)) options.afterRefusedCognitoReadAttempt?.(region);
                throw error;
              }
            };
          client.middlewareStack.addRelativeTo(pacing, {
            relation: "after",
            toMiddleware: "retryMiddleware",
            name: "clcCognitoReadPacing",
          });
        }
        return client;
      });
    },
    logs(region, purpose) {
      return cached(
        `logs:${region}:${purpose}`,
        region,
        () => new CloudWatchLogsClient(common(region, purpose)),
      );
    },
    firehose(region, purpose) {
      return cached(
        `firehose:${region}:${purpose}`,
        region,
        () => new FirehoseClient(common(region, purpose)),
      );
    },
    s3(region, purpose) {
      return cached(
        `s3:${region}:${purpose}`,
        region,
        () =>
          new S3Client({
            ...common(region, purpose),
            // S3's middleware keeps per-call state in the context (region redirects, bucket endpoints),
            // which a resolved-once handler shares between calls.
            cacheMiddleware: false,
            forcePathStyle: options.target.mode === "sandbox",
          }),
      );
    },
    sts(region) {
      return cached(`sts:${region}`, region, () => new STSClient(common(region, "read")));
    },
    cloudwatch(region) {
      return cached(`monitoring:${region}`, region, () => new CloudWatchClient(common(region, "read")));
    },
    sqs(region, purpose) {
      return cached(`sqs:${region}:${purpose}`, region, () => {
        const config = common(region, purpose);
        // A long poll holds its request up to 20 s (SQS ReceiveMessage WaitTimeSeconds maximum).
        const requestHandler = new SignalledHttpHandler({
          connectionTimeout: options.callTimeoutMs,
          requestTimeout: options.callTimeoutMs + SQS_LONG_POLL_MS,
          throwOnRequestTimeout: true,
        });
        return new SQSClient({ ...config, requestHandler });
      });
    },
    events(region, purpose) {
      return cached(
        `events:${region}:${purpose}`,
        region,
        () => new EventBridgeClient(common(region, purpose)),
      );
    },
    cloudtrail(region) {
      return cached(`cloudtrail:${region}`, region, () => new CloudTrailClient(common(region, "read")));
    },
    iam(purpose) {
      return cached(`iam:${purpose}`, null, () => new IAMClient(common("us-east-1", purpose)));
    },
    organizations() {
      return cached("organizations", null, () => new OrganizationsClient(common("us-east-1", "read")));
    },
    account() {
      return cached("account", null, () => new AccountClient(common("us-east-1", "read")));
    },
    ec2(region) {
      return cached(`ec2:${region}`, region, () => new EC2Client(common(region, "read")));
    },
    size: () => entries.size,
    destroy() {
      for (const entry of entries.values()) entry.client.destroy();
      entries.clear();
    },
  };
}

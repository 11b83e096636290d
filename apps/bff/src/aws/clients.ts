import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { raceSignal } from "./deadline.ts";
import { createReadRetryStrategy } from "./read-retry.ts";

/**
 * Where the SDK keeps the abort signal given to `send(command, { abortSignal })` in a middleware's
 * context (@smithy/types SMITHY_CONTEXT_KEY; its retry middleware reads it the same way).
 */
const SMITHY_CONTEXT_KEY = "__smithy_context";
interface SmithyContextCarrier {
  // Typed loosely: the SDK's own AbortSignal type is a subset of the DOM one we send.
  [SMITHY_CONTEXT_KEY]?: { abortSignal?: unknown };
}

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
   * per region paces everything that counts against the "user pool read" quota.
   */
  beforeCognitoReadAttempt?: (region: string) => Promise<void>;
}

/**
 * Reads retry with a short jittered backoff (read-retry.ts); writes never retry by themselves, because a
 * write whose answer was lost may have been applied: callers re-read instead.
 */
export type CallPurpose = "read" | "write";

const READ_MAX_ATTEMPTS = 5;

export interface AwsClients {
  /** What gateways bound a call with when no user request's deadline is given (see callAws). */
  readonly backgroundCallBudgetMs: number;
  cognito(region: string, purpose: CallPurpose): CognitoIdentityProviderClient;
  logs(region: string, purpose: CallPurpose): CloudWatchLogsClient;
  firehose(region: string, purpose: CallPurpose): FirehoseClient;
  s3(region: string, purpose: CallPurpose): S3Client;
  sts(region: string): STSClient;
  /** IAM is global: one client, signed for the partition's home region (destination creation's roles). */
  iam(purpose: CallPurpose): IAMClient;
  /** Closes every client's sockets (shutdown, tests). */
  destroy(): void;
}

/** The only place that knows how the console reaches AWS; one client per service, region and purpose. */
export function createAwsClients(options: AwsClientsOptions): AwsClients {
  const cache = new Map<string, { destroy(): void }>();

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
      requestHandler: new NodeHttpHandler({
        connectionTimeout: options.callTimeoutMs,
        requestTimeout: options.callTimeoutMs,
        throwOnRequestTimeout: true,
      }),
    } as const;
    if (options.target.mode === "sandbox") {
      return { ...base, endpoint: options.target.endpoint, credentials: { ...SANDBOX_CREDENTIALS } };
    }
    // aws mode: the SDK's default credential provider chain (env, profile, SSO, web identity, container, IMDS).
    return base;
  }

  function cached<C extends { destroy(): void }>(key: string, create: () => C): C {
    const existing = cache.get(key);
    if (existing) return existing as C;
    const client = create();
    cache.set(key, client);
    return client;
  }

  return {
    backgroundCallBudgetMs: options.backgroundCallBudgetMs,
    cognito(region, purpose) {
      return cached(`cognito-idp:${region}:${purpose}`, () => {
        const client = new CognitoIdentityProviderClient(common(region, purpose));
        const hook = options.beforeCognitoReadAttempt;
        if (purpose === "read" && hook) {
          // Placed after the retry middleware, so it runs once per HTTP attempt. A call whose deadline
          // passes while it waits for a token stops waiting (and sends nothing).
          const pacing =
            <A, R>(next: (args: A) => Promise<R>, context: SmithyContextCarrier) =>
            async (args: A): Promise<R> => {
              const signal = context[SMITHY_CONTEXT_KEY]?.abortSignal;
              await (signal instanceof AbortSignal ? raceSignal(hook(region), signal) : hook(region));
              return next(args);
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
      return cached(`logs:${region}:${purpose}`, () => new CloudWatchLogsClient(common(region, purpose)));
    },
    firehose(region, purpose) {
      return cached(`firehose:${region}:${purpose}`, () => new FirehoseClient(common(region, purpose)));
    },
    s3(region, purpose) {
      return cached(
        `s3:${region}:${purpose}`,
        () => new S3Client({ ...common(region, purpose), forcePathStyle: options.target.mode === "sandbox" }),
      );
    },
    sts(region) {
      return cached(`sts:${region}`, () => new STSClient(common(region, "read")));
    },
    iam(purpose) {
      return cached(`iam:${purpose}`, () => new IAMClient(common("us-east-1", purpose)));
    },
    destroy() {
      for (const client of cache.values()) client.destroy();
      cache.clear();
    },
  };
}

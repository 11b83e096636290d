/**
 * The messages between the main thread (aws/cognito-read-workers.ts) and a Cognito read worker
 * (aws/cognito-read-worker.ts). Structured clone carries them: plain data, Dates kept.
 */

/** The Cognito reads a worker makes: the fleet read's (pools listed, described, their log delivery). */
export const WORKER_OPERATIONS = [
  "DescribeUserPool",
  "GetLogDeliveryConfiguration",
  "ListUserPools",
] as const;
export type WorkerOperation = (typeof WORKER_OPERATIONS)[number];

/** What a worker builds a client with (aws/clients.ts `common` for a read). */
export interface WorkerClientSettings {
  /** Names the client in the worker: one per account's client set and region. */
  key: string;
  region: string;
  /** The sandbox's endpoint; absent in aws mode. */
  endpoint?: string;
  callTimeoutMs: number;
  maxAttempts: number;
}

/** Temporary credentials, `expiration` as ms since the epoch. */
export interface WorkerCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: number;
}

export type ToWorker =
  | {
      kind: "call";
      id: number;
      client: WorkerClientSettings;
      /** null: the worker's client signs with the SDK's default chain (aws mode, own account). */
      credentials: WorkerCredentials | null;
      operation: WorkerOperation;
      input: unknown;
      /**
       * When the main thread took the first attempt's read token (ms since the epoch). A call that
       * reaches the worker `staleTokenMs` later or more gives it back and waits for a new one.
       */
      tokenAt: number;
      staleTokenMs: number;
    }
  | { kind: "abort"; id: number }
  | { kind: "token"; tokenId: number; ok: boolean }
  | { kind: "forget"; key: string };

export type ToMain =
  /** The worker has loaded the SDK and takes calls. */
  | { kind: "ready" }
  | { kind: "token"; id: number; tokenId: number }
  /** AWS refused an attempt (throttling, 5xx), or the call's first token went stale: it goes back. */
  | { kind: "refused"; id: number; key: string }
  | { kind: "done"; id: number; output: unknown }
  | {
      kind: "failed";
      id: number;
      error: {
        name: string;
        message: string;
        code?: string;
        $fault?: string;
        $metadata?: Record<string, unknown>;
        $response?: { statusCode: number; headers: Record<string, unknown> };
      };
    };

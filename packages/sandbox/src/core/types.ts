/**
 * The contract between the sandbox's HTTP core (protocols, signing, realism, persistence) and its
 * service modules (cognito-idp, logs, firehose, s3, sts, iam). A service module is pure state logic:
 * it never touches HTTP. The core decodes the wire protocol, finds the region in the SigV4 scope,
 * and encodes answers and AwsError in each protocol's format.
 */

/** An error AWS would answer with. `code` is the `__type` / `<Code>`; `status` the HTTP status. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members some errors carry (e.g. S3's `BucketName`). */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export interface CallContext {
  /** From the SigV4 credential scope of the Authorization header. */
  readonly region: string;
  readonly accountId: string;
  readonly requestId: string;
  /** Milliseconds since the epoch; injectable so tests and seeds are deterministic. */
  now(): number;
  /** Tell the core that state changed (it persists when `--data` is set). */
  changed(): void;
}

/** One awsJson1_1 operation: the parsed JSON body in, the answer's JSON value out (or a thrown AwsError). */
export type JsonOperation = (input: Record<string, unknown>, ctx: CallContext) => unknown;

/** awsJson1_1 services (cognito-idp, logs, firehose): operation name → handler of the parsed JSON body. */
export interface JsonService {
  /** e.g. `AWSCognitoIdentityProviderService`, `Logs_20140328`, `Firehose_20150804`. */
  readonly targetPrefix: string;
  /** SigV4 signing name: `cognito-idp`, `logs`, `firehose`. */
  readonly signingName: string;
  readonly operations: Record<string, JsonOperation>;
}

/** awsQuery services (sts, iam): Action → handler of the form parameters; answers the inner result as XML. */
export interface QueryService {
  readonly signingName: string;
  /** Namespace of the XML answer, e.g. `https://sts.amazonaws.com/doc/2011-06-15/`. */
  readonly xmlns: string;
  /** Returns the XML *inside* `<ActionResult>`; the core wraps it in `<ActionResponse>` with ResponseMetadata. */
  readonly operations: Record<string, (params: Map<string, string>, ctx: CallContext) => string>;
}

export interface RestRequest {
  readonly method: string;
  /** Decoded path, path-style: `/bucket/key`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string | undefined>;
  readonly body: Buffer;
}

export interface RestResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** S3 (REST-XML, path-style). Errors thrown as AwsError are rendered as S3's `<Error>` document by the core. */
export interface RestService {
  readonly signingName: string;
  handle(req: RestRequest, ctx: CallContext): RestResponse;
}

/** A service whose state the core can save (`--data`) and load back. Snapshots must be JSON-serialisable. */
export interface StatefulService {
  snapshot(): unknown;
  /** Replace the whole state with a snapshot produced by `snapshot()` (validate: it comes from disk). */
  restore(snapshot: unknown): void;
}

/** Every service module the sandbox serves; delivery/diagnostics and seeds reach each other through this. */
export interface SandboxServices {
  readonly cognito: JsonService & StatefulService;
  readonly logs: JsonService & StatefulService;
  readonly firehose: JsonService & StatefulService;
  readonly s3: RestService & StatefulService;
  readonly sts: QueryService;
  readonly iam: QueryService & StatefulService;
}

/**
 * The contract between the sandbox's HTTP core (protocols, signing, realism, persistence) and its
 * service modules (cognito-idp, logs, firehose, s3, sts, iam). A service module is pure state logic:
 * it never touches HTTP and writes no wire format. The core (`core/protocols/`) decodes the wire
 * protocol, finds the region in the SigV4 scope, and encodes answers and AwsError in each protocol's format.
 */
import type { MetricRecorder } from "../services/cloudwatch/model.ts";
import type { XmlObject } from "./protocols/xml.ts";

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

/**
 * Who makes a call, from its credentials (the SigV4 access key id): the sandbox's own identity for any
 * key it did not issue, or a role session issued by STS AssumeRole.
 */
export interface Principal {
  /** The account the call acts in. */
  readonly accountId: string;
  /** `arn:aws:iam::<account>:user/sandbox`, or `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  readonly arn: string;
  /** GetCallerIdentity's `UserId`: `AIDA…` for the user, `AROA…:<session>` for a role session. */
  readonly userId: string;
  /** Set for role sessions: the role whose policies decide what the session may do. */
  readonly role?: { readonly name: string; readonly arn: string };
}

export interface CallContext {
  /** From the SigV4 credential scope of the Authorization header. */
  readonly region: string;
  /** The caller's account (from its credentials; `principal.accountId` when a principal is known). */
  readonly accountId: string;
  /** Who calls; absent for the sandbox's own calls (seeds, delivery), which act with full rights. */
  readonly principal?: Principal;
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
  /**
   * Other prefixes AWS accepts for the same operations: CloudTrail's model names
   * `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101` (what the AWS CLI and botocore send)
   * while SDK v3 sends the short `CloudTrail_20131101`.
   */
  readonly targetPrefixAliases?: readonly string[];
  /** SigV4 signing name: `cognito-idp`, `logs`, `firehose`. */
  readonly signingName: string;
  readonly operations: Record<string, JsonOperation>;
}

/** One awsQuery operation: the request's flat text parameters in, the content of `<ActionResult>` out. */
export type QueryOperation = (params: Record<string, string>, ctx: CallContext) => XmlObject | undefined;

/**
 * awsQuery services (sts, iam): Action → handler of the request's parameters (flat names as sent,
 * `Action` and `Version` removed). A handler returns the content of `<ActionResult>` as plain data
 * (see `XmlObject`; arrays become `<member>` lists), or undefined for an answer with no result.
 */
export interface QueryService {
  readonly signingName: string;
  /** Namespace of the XML answer, e.g. `https://sts.amazonaws.com/doc/2011-06-15/`. */
  readonly xmlns: string;
  readonly operations: Record<string, QueryOperation>;
}

export interface RestRequest {
  readonly method: string;
  /** Decoded path, path-style: `/bucket/key`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string | undefined>;
  readonly body: Buffer;
}

/** An answer as the wire carries it: the body already encoded. */
export interface RestResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * An answer as a REST-XML service gives it: status and headers, and either an XML `document` as plain
 * data (root element name and its content; `null` content = an empty root; see `XmlObject`, arrays
 * repeat their element) or a `body` sent as is (object bytes, a bucket policy's JSON).
 */
export interface RestAnswer {
  status: number;
  headers?: Record<string, string>;
  document?: { readonly root: string; readonly content: XmlObject | string | null };
  body?: string | Buffer;
}

/** S3 (REST-XML, path-style). Errors thrown as AwsError are rendered as S3's `<Error>` document by the core. */
export interface RestService {
  readonly signingName: string;
  /** Namespace of the answers' documents (`http://s3.amazonaws.com/doc/2006-03-01/`). */
  readonly xmlns: string;
  /** AWS's name for the operation a request calls (`ListObjectsV2`, `PutBucketPolicy`, …), for counting. */
  operationName(method: string, path: string, query: URLSearchParams): string;
  /** Run the request; the core encodes the answer. */
  serve(req: RestRequest, ctx: CallContext): RestAnswer;
  /** Run the request and encode the answer as the wire carries it: how other modules call S3 in-process. */
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
  readonly organizations?: JsonService & StatefulService;
  readonly account?: RestJsonService & StatefulService;
  /** EC2's DescribeRegions (the enabled-regions fallback, issue 14); stateless, it reads `account`. */
  readonly ec2?: {
    readonly signingName: string;
    readonly xmlns: string;
    readonly operations: Record<string, QueryOperation>;
  };
  /** SQS, EventBridge and CloudTrail trails: the path of CloudTrail's management events (issue 16). */
  readonly sqs?: JsonService & StatefulService;
  readonly events?: JsonService & StatefulService;
  readonly cloudtrail?: JsonService & StatefulService;
  /** CloudWatch metrics; other services publish into it (`record`), clients read it. */
  readonly cloudwatch: JsonService & StatefulService & MetricRecorder;
}

/**
 * REST-JSON services (the Account Management API): `POST /<path>` with a JSON body, JSON answers,
 * errors as `x-amzn-ErrorType` plus `{ "message" }` (the SDK v3's `restJson1` protocol).
 */
export interface RestJsonService {
  readonly signingName: string;
  /** `"POST /listRegions"` → its operation name and handler. */
  readonly routes: Record<string, { readonly operation: string; readonly handler: JsonOperation }>;
}

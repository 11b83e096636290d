import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteResourcePolicyCommand,
  DescribeResourcePoliciesCommand,
  PutResourcePolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  SetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CreateDeliveryStreamCommand, FirehoseClient } from "@aws-sdk/client-firehose";
import {
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  S3Client,
  type ServerSideEncryption,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putUnrelatedAccountPolicies } from "./fixtures/resource-policies.ts";
import { createBucket, type Stack, startStack } from "./helpers.ts";

/**
 * Issue 12 §2, "one truth for 'would AWS deliver?'": for every generated destination state, the
 * console's verdict (the findings of GET /api/pools/{id}, i.e. domain preflight over the facts the
 * BFF's gateways read) and the sandbox's delivery simulation (GET /_sandbox/diagnostics) agree:
 *
 *   a `block` finding  ⇔  the sandbox says "not delivered",
 *
 * so the console never only warns where nothing would arrive, nor blocks where logs would. A state
 * whose Set the sandbox (as AWS) rejects counts as "not delivered"; the console must then refuse the
 * apply (preview `canApply: false`).
 *
 * The matrix is generated, per destination kind: Firehose tag keys and values; bucket default
 * encryption (SSE-S3, SSE-KMS and DSSE-KMS with no key id, `aws/s3` by alias or alias ARN, a
 * customer key ARN or alias); log group KMS; and the delivery policies in the forms AWS and people
 * write them (strings or one-element arrays, extra or wildcard actions, actions split over several
 * statements, principals, resources, conditions of every modelled kind, Deny statements, unrelated
 * statements) in every policy scope the sandbox serves, plus the account's room for one more policy.
 * Each policy dimension is run value by value around AWS's own policy, then in a fixed pseudo-random
 * sample of whole combinations.
 */

const REGION = "us-east-1";
const OTHER_REGION = "eu-west-1";
const OTHER_ACCOUNT = "210987654321";
const credentials = { accessKeyId: "test-setup-access-key", secretAccessKey: "test-setup" };
const DELIVERY = "delivery.logs.amazonaws.com";

type Json = Record<string, unknown>;
type EventSource = "userNotification" | "userAuthEvents";

/** One destination state: how to build it in the sandbox, and which configuration to store. */
interface State {
  name: string;
  source: EventSource;
  /** Resource policies this state puts (account scope); log-group states run one at a time. */
  exclusive: boolean;
  build(ctx: Ctx, n: number): Promise<{ kind: "logGroup" | "firehose" | "s3"; arn: string }>;
}

interface Ctx {
  stack: Stack;
  account: string;
  logs: CloudWatchLogsClient;
  s3: S3Client;
  firehose: FirehoseClient;
  cognito: CognitoIdentityProviderClient;
}

// ---------- a tiny deterministic generator ----------

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Each dimension value by value around the base, then `sample` random whole combinations (in which
 * the `aroundOnly` dimensions keep their base value: a state AWS rejects outright says nothing more).
 */
function around<D extends Record<string, readonly string[]>>(
  dimensions: D,
  base: { [K in keyof D]: D[K][number] },
  sample: number,
  seed: number,
  aroundOnly: ReadonlyArray<keyof D> = [],
): Array<{ [K in keyof D]: D[K][number] }> {
  type Combo = { [K in keyof D]: D[K][number] };
  const seen = new Set<string>();
  const out: Combo[] = [];
  const add = (combo: Combo) => {
    const key = JSON.stringify(combo);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(combo);
    }
  };
  add(base);
  for (const [dimension, values] of Object.entries(dimensions)) {
    for (const value of values) add({ ...base, [dimension]: value });
  }
  const random = rng(seed);
  for (let i = 0; i < sample; i++) {
    const combo = { ...base };
    for (const [dimension, values] of Object.entries(dimensions)) {
      if (aroundOnly.includes(dimension)) continue;
      (combo as Record<string, string>)[dimension] = values[Math.floor(random() * values.length)] as string;
    }
    add(combo);
  }
  return out;
}

const label = (combo: Record<string, string>) =>
  Object.entries(combo)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");

// ---------- policy documents in the forms they are written ----------

/** `arrays`: one-element lists, as AWS writes them; `strings`: bare strings, as people do. */
function shaped(statement: Json, shape: string): Json {
  if (shape === "arrays") return statement;
  const one = (v: unknown) => (Array.isArray(v) && v.length === 1 ? v[0] : v);
  const out: Json = { ...statement };
  for (const key of ["Action", "Resource"]) out[key] = one(out[key]);
  if (out.Principal && typeof out.Principal === "object") {
    out.Principal = Object.fromEntries(Object.entries(out.Principal as Json).map(([k, v]) => [k, one(v)]));
  }
  if (out.Condition && typeof out.Condition === "object") {
    out.Condition = Object.fromEntries(
      Object.entries(out.Condition as Json).map(([op, block]) => [
        op,
        Object.fromEntries(Object.entries(block as Json).map(([k, v]) => [k, one(v)])),
      ]),
    );
  }
  return out;
}

const PRINCIPALS: Record<string, unknown> = {
  service: { Service: [DELIVERY] },
  star: "*",
  "aws-star": { AWS: ["*"] },
  "other-service": { Service: ["es.amazonaws.com"] },
};

/** Conditions of every kind the evaluators model, for the pool's account and region. */
function conditions(account: string, region: string, variant: string): Json | undefined {
  const sourceArn = `arn:aws:logs:${region}:${account}:*`;
  switch (variant) {
    case "none":
      return undefined;
    case "aws":
      return { StringEquals: { "aws:SourceAccount": [account] }, ArnLike: { "aws:SourceArn": [sourceArn] } };
    case "account-only":
      return { StringEquals: { "aws:SourceAccount": [account] } };
    case "other-account":
      return { StringEquals: { "aws:SourceAccount": [OTHER_ACCOUNT] } };
    case "other-region-arn":
      return { ArnLike: { "aws:SourceArn": [`arn:aws:logs:${OTHER_REGION}:${account}:*`] } };
    case "if-exists":
      return { StringEqualsIfExists: { "aws:SourceAccount": [account] } };
    case "lowercase-key":
      return { StringEquals: { "aws:sourceaccount": [account] } };
    case "arn-equals-wildcard":
      return { ArnEquals: { "aws:SourceArn": [sourceArn] } };
    case "not-equals-other":
      return { StringNotEquals: { "aws:SourceAccount": [OTHER_ACCOUNT] } };
    case "org-id":
      // A service principal's request has no aws:PrincipalOrgID: the condition is false.
      return { StringEquals: { "aws:PrincipalOrgID": ["o-abcdef1234"] } };
    case "org-id-if-exists":
      return { StringEqualsIfExists: { "aws:PrincipalOrgID": ["o-abcdef1234"] } };
    case "secure-transport":
      return { Bool: { "aws:SecureTransport": ["true"] } };
    case "null-org":
      return { Null: { "aws:PrincipalOrgID": ["true"] } };
    case "two-accounts":
      return { StringEquals: { "aws:SourceAccount": [OTHER_ACCOUNT, account] } };
    default:
      throw new Error(`unknown condition variant ${variant}`);
  }
}

/** Statements added beside the delivery grant. */
function extras(account: string, variant: string, actions: string[]): Json[] {
  switch (variant) {
    case "none":
      return [];
    case "unrelated":
      return [
        {
          Sid: "Unrelated",
          Effect: "Allow",
          Principal: { Service: "es.amazonaws.com" },
          Action: actions,
          Resource: "*",
        },
      ];
    case "deny-tls":
      // The common TLS-only Deny: never applies to a service, which always uses TLS.
      return [
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "*",
          Resource: "*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ];
    case "deny-other-accounts":
      // Applies only to requests from another account: not to this delivery.
      return [
        {
          Effect: "Deny",
          Principal: "*",
          Action: actions,
          Resource: "*",
          Condition: { StringNotEquals: { "aws:SourceAccount": account } },
        },
      ];
    case "deny-outside-org":
      // The well-known Deny that also locks out service principals (no aws:PrincipalOrgID).
      return [
        {
          Effect: "Deny",
          Principal: "*",
          Action: actions,
          Resource: "*",
          Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abcdef1234" } },
        },
      ];
    case "deny-delivery":
      return [{ Effect: "Deny", Principal: { Service: DELIVERY }, Action: actions, Resource: "*" }];
    default:
      throw new Error(`unknown extra variant ${variant}`);
  }
}

// ---------- the sandbox's and the console's verdicts ----------

interface Verdicts {
  sandbox: { delivered: boolean; why: string[] };
  console: { block: string[]; warn: string[] };
}

/** The pool a state is stored on: PLUS with threat protection on, unless a test says otherwise. */
interface PoolShape {
  tier: "PLUS" | "ESSENTIALS" | "LITE";
  mode: "OFF" | "AUDIT";
  /** A LITE pool that kept threat protection (sandbox setup path). */
  legacy?: boolean;
}

async function verdicts(
  ctx: Ctx,
  n: number,
  source: EventSource,
  destination: { kind: "logGroup" | "firehose" | "s3"; arn: string },
  shape: PoolShape = { tier: "PLUS", mode: "AUDIT" },
): Promise<Verdicts> {
  const created = await ctx.cognito.send(
    new CreateUserPoolCommand({
      PoolName: `diff-${n}`,
      UserPoolTier: shape.tier,
      ...(shape.legacy ? {} : { UserPoolAddOns: { AdvancedSecurityMode: shape.mode } }),
    }),
  );
  const poolId = created.UserPool?.Id ?? "";
  if (shape.legacy) ctx.stack.sandbox.holdLegacyThreatProtection(poolId, "AUDIT");
  const entry =
    destination.kind === "logGroup"
      ? { CloudWatchLogsConfiguration: { LogGroupArn: destination.arn } }
      : destination.kind === "firehose"
        ? { FirehoseConfiguration: { StreamArn: destination.arn } }
        : { S3Configuration: { BucketArn: destination.arn } };
  let rejected: string | null = null;
  try {
    await ctx.cognito.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: poolId,
        LogConfigurations: [
          { EventSource: source, LogLevel: source === "userAuthEvents" ? "INFO" : "ERROR", ...entry },
        ],
      }),
    );
  } catch (error) {
    rejected = `Set rejected: ${(error as Error).name}: ${(error as Error).message}`;
  }
  if (rejected) {
    // Nothing is stored: the console must refuse to apply it.
    const preview = await ctx.stack.call("POST", `/api/pools/${poolId}/log-delivery/${source}/preview`, {
      body: { destination },
    });
    // A failed preview is a bug of its own, never counted as the console refusing.
    if (preview.status !== 200) throw new Error(`preview of ${poolId}: ${preview.status} ${preview.text}`);
    const findings = (preview.json.findings ?? []) as Array<{ id: string; severity: string }>;
    const errors = (preview.json.errors ?? []) as Array<{ path: string }>;
    const refused = preview.json.canApply !== true;
    return {
      sandbox: { delivered: false, why: [rejected] },
      console: {
        block: refused
          ? [
              "canApply:false",
              ...errors.map((e) => `error:${e.path}`),
              ...findings.filter((f) => f.severity === "block").map((f) => f.id),
            ]
          : [],
        warn: findings.filter((f) => f.severity === "warn").map((f) => f.id),
      },
    };
  }
  const diagnosis = await fetch(
    `${ctx.stack.sandbox.endpoint}/_sandbox/diagnostics?userPoolId=${poolId}&region=${REGION}`,
  ).then((r) => r.json() as Promise<{ eventSources: Array<Json> }>);
  const mine = diagnosis.eventSources.find((d) => d.eventSource === source) as {
    delivered: boolean;
    reasons: Array<{ id: string }>;
  };
  const detail = await ctx.stack.call("GET", `/api/pools/${poolId}`);
  if (detail.status !== 200) throw new Error(`GET pool ${poolId}: ${detail.status} ${detail.text}`);
  const findings = (
    detail.json.findings as Array<{ id: string; severity: string; eventSource?: string }>
  ).filter((f) => f.eventSource === source);
  return {
    sandbox: { delivered: mine.delivered, why: mine.reasons.map((r) => r.id) },
    console: {
      block: findings.filter((f) => f.severity === "block").map((f) => f.id),
      warn: findings.filter((f) => f.severity === "warn").map((f) => f.id),
    },
  };
}

/** Agreement: block ⇔ not delivered. (A warn beside delivery is fine: e.g. "check the KMS key policy".) */
function agrees(v: Verdicts): boolean {
  return v.console.block.length > 0 === !v.sandbox.delivered;
}

// ---------- policy scopes ----------

/**
 * Where the delivery grant and the statements beside it live (rules doc §3: "A log group can receive
 * Cognito's logs when either scope grants it"; an explicit Deny in either is evaluated with the other,
 * as IAM evaluates every applicable policy together):
 * - ACCOUNT: the whole document in an account-level policy (`policyName`);
 * - RESOURCE: the whole document in the log group's own policy (`resourceArn`, AWS's default for new
 *   deliveries);
 * - BOTH: the same document in both;
 * - GRANT_ACCOUNT_EXTRAS_GROUP / GRANT_GROUP_EXTRAS_ACCOUNT: the grant in one scope and the other
 *   statements (Deny variants, unrelated grants) in the other, so a Deny in either scope meets a
 *   grant in the other.
 */
const LOG_POLICY_SCOPES = [
  "ACCOUNT",
  "RESOURCE",
  "BOTH",
  "GRANT_ACCOUNT_EXTRAS_GROUP",
  "GRANT_GROUP_EXTRAS_ACCOUNT",
] as const;
type LogPolicyScope = (typeof LOG_POLICY_SCOPES)[number];
/** Scopes run over the whole combination sample; the others run value by value around the base only. */
const FULL_SAMPLE_SCOPES: ReadonlyArray<LogPolicyScope> = ["ACCOUNT", "RESOURCE"];

/** Account-level policies only: a log group's own policy goes with the (per-state, new) log group. */
async function clearResourcePolicies(ctx: Ctx): Promise<void> {
  const existing = await ctx.logs.send(new DescribeResourcePoliciesCommand({}));
  for (const p of existing.resourcePolicies ?? []) {
    if (p.policyName) await ctx.logs.send(new DeleteResourcePolicyCommand({ policyName: p.policyName }));
  }
}

/** Puts `grants` and `others` (statements) where `scope` says; an empty document is not written. */
async function putLogGroupGrant(
  ctx: Ctx,
  scope: LogPolicyScope,
  logGroupArn: string,
  grants: Json[],
  others: Json[],
): Promise<void> {
  const document = (statements: Json[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
  const inAccount = async (statements: Json[]) => {
    if (statements.length === 0) return;
    await ctx.logs.send(
      new PutResourcePolicyCommand({ policyName: "DiffDelivery", policyDocument: document(statements) }),
    );
  };
  const inGroup = async (statements: Json[]) => {
    if (statements.length === 0) return;
    // A new log group has no policy yet: no expectedRevisionId (it is required only to replace one).
    await ctx.logs.send(
      new PutResourcePolicyCommand({ resourceArn: logGroupArn, policyDocument: document(statements) }),
    );
  };
  switch (scope) {
    case "ACCOUNT":
      return inAccount([...grants, ...others]);
    case "RESOURCE":
      return inGroup([...grants, ...others]);
    case "BOTH":
      await inAccount([...grants, ...others]);
      return inGroup([...grants, ...others]);
    case "GRANT_ACCOUNT_EXTRAS_GROUP":
      await inAccount(grants);
      return inGroup(others);
    case "GRANT_GROUP_EXTRAS_ACCOUNT":
      await inGroup(grants);
      return inAccount(others);
  }
}

// ---------- the matrix ----------

/** The condition variants both the log group's and the bucket's policy states are built with. */
const CONDITIONS_OF_EVERY_KIND = [
  "aws",
  "none",
  "account-only",
  "other-account",
  "other-region-arn",
  "if-exists",
  "lowercase-key",
] as const;

function logGroupStates(account: string): State[] {
  const dimensions = {
    name: ["plain", "vended"],
    kms: ["none", "key"],
    shape: ["arrays", "strings"],
    actions: ["exact", "extra", "wildcard", "all", "one-missing", "split"],
    resource: ["streams", "group-wildcard", "vendedlogs", "account-wildcard", "group-only", "other-group"],
    principal: Object.keys(PRINCIPALS),
    condition: [
      ...CONDITIONS_OF_EVERY_KIND,
      "arn-equals-wildcard",
      "not-equals-other",
      "org-id",
      "org-id-if-exists",
      "secure-transport",
      "null-org",
      "two-accounts",
    ],
    extra: ["none", "unrelated", "deny-tls", "deny-other-accounts", "deny-outside-org", "deny-delivery"],
    policy: ["present", "absent"],
    room: ["room", "full"],
    place: ["same", "other-region", "other-account"],
  } as const;
  const base = {
    name: "vended",
    kms: "none",
    shape: "arrays",
    actions: "exact",
    resource: "streams",
    principal: "service",
    condition: "aws",
    extra: "none",
    policy: "present",
    room: "room",
    place: "same",
  } as const;
  const combos = around(dimensions, base, 160, 12, ["place"]);
  const aroundCount = around(dimensions, base, 0, 12, ["place"]).length;
  const states: State[] = [];
  for (const scope of LOG_POLICY_SCOPES) {
    for (const combo of combos) {
      // The around part comes first in `combos`; the split and doubled scopes run only that part.
      if (!FULL_SAMPLE_SCOPES.includes(scope) && combos.indexOf(combo) >= aroundCount) continue;
      for (const source of ["userNotification", "userAuthEvents"] as const) {
        // Both event sources only around the base; the sample runs user activity alone.
        if (source === "userNotification" && combos.indexOf(combo) > 40) continue;
        states.push({
          name: `logGroup ${source} scope=${scope} ${label(combo)}`,
          source,
          exclusive: true,
          async build(ctx, n) {
            const name = combo.name === "vended" ? `/aws/vendedlogs/diff/${n}` : `/diff/${n}`;
            const region = combo.place === "other-region" ? OTHER_REGION : REGION;
            const owner = combo.place === "other-account" ? OTHER_ACCOUNT : account;
            const arn = `arn:aws:logs:${region}:${owner}:log-group:${name}`;
            if (combo.place !== "same") return { kind: "logGroup", arn };
            await ctx.logs.send(
              new CreateLogGroupCommand({
                logGroupName: name,
                ...(combo.kms === "key"
                  ? { kmsKeyId: `arn:aws:kms:${REGION}:${account}:key/1f2e3d4c-5b6a-4789-9abc-def012345678` }
                  : {}),
              }),
            );
            await clearResourcePolicies(ctx);
            if (combo.room === "full") {
              // Full means 10 account-level policies once this state's own account policy (if any) is in.
              const writesAccountPolicy =
                combo.policy === "present" &&
                (scope === "ACCOUNT" ||
                  scope === "BOTH" ||
                  scope === "GRANT_ACCOUNT_EXTRAS_GROUP" ||
                  (scope === "GRANT_GROUP_EXTRAS_ACCOUNT" && combo.extra !== "none"));
              const slots = writesAccountPolicy ? 9 : 10;
              await putUnrelatedAccountPolicies(
                ctx.logs,
                Array.from({ length: slots }, (_, i) => `Other${i}`),
                (i) => `arn:aws:logs:${REGION}:${account}:log-group:/es/${i}:*`,
              );
            }
            if (combo.policy === "absent") return { kind: "logGroup", arn };
            const actions = {
              exact: ["logs:CreateLogStream", "logs:PutLogEvents"],
              extra: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups"],
              wildcard: ["logs:*"],
              all: ["*"],
              "one-missing": ["logs:PutLogEvents"],
              split: ["logs:CreateLogStream", "logs:PutLogEvents"],
            }[combo.actions];
            const resource = {
              streams: `${arn}:log-stream:*`,
              "group-wildcard": `${arn}:*`,
              vendedlogs: `arn:aws:logs:${REGION}:${account}:log-group:/aws/vendedlogs/*`,
              "account-wildcard": `arn:aws:logs:${REGION}:${account}:*`,
              "group-only": arn,
              "other-group": `arn:aws:logs:${REGION}:${account}:log-group:/elsewhere:*`,
            }[combo.resource];
            const condition = conditions(account, REGION, combo.condition);
            const grant = (action: string[], sid: string): Json =>
              shaped(
                {
                  Sid: sid,
                  Effect: "Allow",
                  Principal: PRINCIPALS[combo.principal],
                  Action: action,
                  Resource: [resource],
                  ...(condition ? { Condition: condition } : {}),
                },
                combo.shape,
              );
            const grants =
              combo.actions === "split"
                ? actions.map((a, i) => grant([a], `Split${i}`))
                : [grant(actions, "AWSLogDeliveryWrite20150319")];
            await putLogGroupGrant(
              ctx,
              scope,
              arn,
              grants,
              extras(account, combo.extra, ["logs:CreateLogStream", "logs:PutLogEvents"]),
            );
            return { kind: "logGroup", arn };
          },
        });
      }
    }
  }
  return states;
}

const ENCRYPTIONS = {
  default: null,
  aes256: { SSEAlgorithm: "AES256" },
  "kms-no-key": { SSEAlgorithm: "aws:kms" },
  "kms-aws-alias": { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/aws/s3" },
  "kms-aws-alias-arn": {
    SSEAlgorithm: "aws:kms",
    KMSMasterKeyID: `arn:aws:kms:${REGION}:ACCOUNT:alias/aws/s3`,
  },
  "kms-key-arn": {
    SSEAlgorithm: "aws:kms",
    KMSMasterKeyID: `arn:aws:kms:${REGION}:ACCOUNT:key/0b1c2d3e-4f50-4617-8899-aabbccddeeff`,
  },
  "kms-customer-alias": { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/log-archive" },
  "dsse-no-key": { SSEAlgorithm: "aws:kms:dsse" },
  "dsse-key-arn": {
    SSEAlgorithm: "aws:kms:dsse",
    KMSMasterKeyID: `arn:aws:kms:${REGION}:ACCOUNT:key/0b1c2d3e-4f50-4617-8899-aabbccddeeff`,
  },
} as const;

function bucketStates(account: string): State[] {
  const dimensions = {
    encryption: Object.keys(ENCRYPTIONS),
    shape: ["arrays", "strings"],
    statements: ["aws", "one-statement", "acl-missing", "write-missing", "wildcard"],
    resource: ["awslogs-account", "bucket-wildcard", "awslogs-wildcard", "other-prefix"],
    principal: Object.keys(PRINCIPALS),
    condition: [
      ...CONDITIONS_OF_EVERY_KIND,
      "not-equals-other",
      "org-id",
      "org-id-if-exists",
      "null-org",
      "two-accounts",
    ],
    acl: ["bucket-owner-full-control", "none", "private", "on-acl-check-too"],
    extra: ["none", "unrelated", "deny-tls", "deny-other-accounts", "deny-outside-org", "deny-delivery"],
    policy: ["present", "absent"],
    place: ["same", "other-region"],
  } as const;
  const base = {
    encryption: "default",
    shape: "arrays",
    statements: "aws",
    resource: "awslogs-account",
    principal: "service",
    condition: "aws",
    acl: "bucket-owner-full-control",
    extra: "none",
    policy: "present",
    place: "same",
  } as const;
  return around(dimensions, base, 160, 34, ["place"]).map((combo) => ({
    name: `s3 userAuthEvents ${label(combo)}`,
    source: "userAuthEvents" as const,
    exclusive: false,
    async build(ctx, n) {
      const bucket = `diff-bucket-${n}`;
      const region = combo.place === "other-region" ? OTHER_REGION : REGION;
      const s3 =
        region === REGION
          ? ctx.s3
          : new S3Client({ region, endpoint: ctx.stack.sandbox.endpoint, credentials, forcePathStyle: true });
      await createBucket(ctx.stack.sandbox, region, bucket);
      const sse = ENCRYPTIONS[combo.encryption as keyof typeof ENCRYPTIONS];
      if (sse) {
        const rule = {
          SSEAlgorithm: sse.SSEAlgorithm as ServerSideEncryption,
          ...("KMSMasterKeyID" in sse
            ? { KMSMasterKeyID: sse.KMSMasterKeyID.replace("ACCOUNT", account) }
            : {}),
        };
        await s3.send(
          new PutBucketEncryptionCommand({
            Bucket: bucket,
            ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: rule }] },
          }),
        );
      }
      const arn = `arn:aws:s3:::${bucket}`;
      if (combo.policy === "absent") {
        if (s3 !== ctx.s3) s3.destroy();
        return { kind: "s3", arn };
      }
      const condition = conditions(account, REGION, combo.condition);
      const aclValue = combo.acl === "on-acl-check-too" ? "bucket-owner-full-control" : combo.acl;
      const writeCondition: Json = { ...(condition ?? {}) };
      if (aclValue !== "none") {
        const equals = (writeCondition.StringEquals as Json | undefined) ?? {};
        writeCondition.StringEquals = { ...equals, "s3:x-amz-acl": [aclValue] };
      }
      const aclCondition: Json | undefined = combo.acl === "on-acl-check-too" ? writeCondition : condition;
      const writeResource = {
        "awslogs-account": `${arn}/AWSLogs/${account}/*`,
        "bucket-wildcard": `${arn}/*`,
        "awslogs-wildcard": `${arn}/AWSLogs/*`,
        "other-prefix": `${arn}/elsewhere/*`,
      }[combo.resource];
      const statement = (sid: string, action: string[], resource: string[], cond: Json | undefined): Json =>
        shaped(
          {
            Sid: sid,
            Effect: "Allow",
            Principal: PRINCIPALS[combo.principal],
            Action: action,
            Resource: resource,
            ...(cond && Object.keys(cond).length > 0 ? { Condition: cond } : {}),
          },
          combo.shape,
        );
      const aclStatement = statement("AWSLogDeliveryAclCheck", ["s3:GetBucketAcl"], [arn], aclCondition);
      const writeStatement = statement(
        "AWSLogDeliveryWrite",
        ["s3:PutObject"],
        [writeResource],
        writeCondition,
      );
      const grants = {
        aws: [aclStatement, writeStatement],
        // One statement naming both actions and both resources carries the write's conditions.
        "one-statement": [
          statement("Both", ["s3:GetBucketAcl", "s3:PutObject"], [arn, writeResource], writeCondition),
        ],
        "acl-missing": [writeStatement],
        "write-missing": [aclStatement],
        wildcard: [statement("All", ["s3:*"], [arn, `${arn}/*`], condition)],
      }[combo.statements];
      // S3 takes only this bucket's resources in its policy ("Policy has invalid resource" otherwise).
      const others = extras(account, combo.extra, ["s3:GetBucketAcl", "s3:PutObject"]).map((x) => ({
        ...x,
        Resource: [arn, `${arn}/*`],
      }));
      await s3.send(
        new PutBucketPolicyCommand({
          Bucket: bucket,
          Policy: JSON.stringify({ Version: "2012-10-17", Statement: [...grants, ...others] }),
        }),
      );
      if (s3 !== ctx.s3) s3.destroy();
      return { kind: "s3", arn };
    },
  }));
}

const TAGS: Record<string, Array<{ Key: string; Value: string }>> = {
  none: [],
  true: [{ Key: "LogDeliveryEnabled", Value: "true" }],
  True: [{ Key: "LogDeliveryEnabled", Value: "True" }],
  TRUE: [{ Key: "LogDeliveryEnabled", Value: "TRUE" }],
  false: [{ Key: "LogDeliveryEnabled", Value: "false" }],
  empty: [{ Key: "LogDeliveryEnabled", Value: "" }],
  "trailing-space": [{ Key: "LogDeliveryEnabled", Value: "true " }],
  "lowercase-key": [{ Key: "logdeliveryenabled", Value: "true" }],
  "with-others": [
    { Key: "team", Value: "security" },
    { Key: "LogDeliveryEnabled", Value: "true" },
    { Key: "cost-center", Value: "42" },
  ],
  "others-only": [{ Key: "team", Value: "security" }],
};

function streamStates(): State[] {
  const states: State[] = [];
  for (const tags of Object.keys(TAGS)) {
    for (const destination of ["s3", "http"]) {
      for (const place of ["same", "other-region", "other-account"]) {
        if (place !== "same" && (tags !== "true" || destination !== "s3")) continue;
        states.push({
          name: `firehose userAuthEvents tags=${tags} destination=${destination} place=${place}`,
          source: "userAuthEvents",
          exclusive: false,
          async build(ctx, n) {
            const name = `diff-stream-${n}`;
            const region = place === "other-region" ? OTHER_REGION : REGION;
            const account = place === "other-account" ? OTHER_ACCOUNT : ctx.account;
            const arn = `arn:aws:firehose:${region}:${account}:deliverystream/${name}`;
            if (place === "other-account") return { kind: "firehose", arn };
            const client =
              region === REGION
                ? ctx.firehose
                : new FirehoseClient({ region, endpoint: ctx.stack.sandbox.endpoint, credentials });
            const roleArn = `arn:aws:iam::${ctx.account}:role/firehose`;
            await client.send(
              new CreateDeliveryStreamCommand({
                DeliveryStreamName: name,
                DeliveryStreamType: "DirectPut",
                ...(destination === "s3"
                  ? {
                      ExtendedS3DestinationConfiguration: {
                        RoleARN: roleArn,
                        BucketARN: `arn:aws:s3:::${name}-archive`,
                      },
                    }
                  : {
                      HttpEndpointDestinationConfiguration: {
                        EndpointConfiguration: { Url: "https://logs.example.com/ingest", Name: "example" },
                        RoleARN: roleArn,
                        S3Configuration: { RoleARN: roleArn, BucketARN: `arn:aws:s3:::${name}-backup` },
                      },
                    }),
                ...((TAGS[tags] ?? []).length > 0 ? { Tags: TAGS[tags] } : {}),
              }),
            );
            if (client !== ctx.firehose) client.destroy();
            return { kind: "firehose", arn };
          },
        });
      }
    }
  }
  return states;
}

function allStates(account: string): State[] {
  return [...streamStates(), ...bucketStates(account), ...logGroupStates(account)];
}

// The matrix's size is known before any state is built (and named in the test's title).
const MATRIX = allStates("123456789012");

describe("one truth for 'would AWS deliver?' (issue 12 §2)", () => {
  let ctx: Ctx;

  beforeAll(async () => {
    // Hundreds of pool reads by one operator: well past the per-operator limit a person never reaches.
    const stack = await startStack({
      seed: "none",
      config: { rateLimits: { "GET /api/pools/:poolId": { max: 100_000 } } },
    });
    const account = stack.sandbox.accountId;
    const endpoint = stack.sandbox.endpoint;
    ctx = {
      stack,
      account,
      logs: new CloudWatchLogsClient({ region: REGION, endpoint, credentials }),
      s3: new S3Client({ region: REGION, endpoint, credentials, forcePathStyle: true }),
      firehose: new FirehoseClient({ region: REGION, endpoint, credentials }),
      cognito: new CognitoIdentityProviderClient({ region: REGION, endpoint, credentials }),
    };
  });
  afterAll(async () => {
    for (const client of [ctx.logs, ctx.s3, ctx.firehose, ctx.cognito]) client.destroy();
    await ctx.stack.close();
  });

  it(`covers ${MATRIX.length} destination states (${streamStates().length} Firehose, ${
    bucketStates("123456789012").length
  } S3, ${logGroupStates("123456789012").length} log group)`, () => {
    expect(MATRIX.length).toBeGreaterThan(400);
  });

  it("the console blocks exactly the states in which the sandbox delivers nothing", {
    timeout: 600_000,
  }, async () => {
    const states = allStates(ctx.account);
    const disagreements: string[] = [];
    const tally = { delivered: 0, notDelivered: 0, setRejected: 0, warnedWhileDelivered: 0 };
    let n = 0;
    const run = async (state: State) => {
      const id = n++;
      let destination: { kind: "logGroup" | "firehose" | "s3"; arn: string };
      try {
        destination = await state.build(ctx, id);
      } catch (error) {
        disagreements.push(`${state.name}: could not build the state: ${(error as Error).message}`);
        return;
      }
      const v = await verdicts(ctx, id, state.source, destination);
      if (v.sandbox.delivered) tally.delivered++;
      else tally.notDelivered++;
      if (v.sandbox.why.some((w) => w.startsWith("Set rejected"))) tally.setRejected++;
      if (v.sandbox.delivered && v.console.warn.length > 0) tally.warnedWhileDelivered++;
      if (!agrees(v)) {
        disagreements.push(
          `${state.name}\n    sandbox: ${v.sandbox.delivered ? "delivered" : `not delivered (${v.sandbox.why.join(", ")})`}\n    console: block [${v.console.block.join(", ")}] warn [${v.console.warn.join(", ")}]`,
        );
      }
    };
    // States that put account-level resource policies share the region's policies: one at a time.
    const shared = states.filter((s) => !s.exclusive);
    for (let i = 0; i < shared.length; i += 8) await Promise.all(shared.slice(i, i + 8).map(run));
    for (const state of states.filter((s) => s.exclusive)) await run(state);
    expect(
      disagreements,
      `${disagreements.length} of ${states.length} states disagree:\n${disagreements.join("\n")}`,
    ).toEqual([]);
    // The matrix reaches both answers, in quantity (a generator that built only one kind proves nothing).
    expect(tally.delivered, JSON.stringify(tally)).toBeGreaterThan(80);
    expect(tally.notDelivered, JSON.stringify(tally)).toBeGreaterThan(80);
    expect(tally.setRejected, JSON.stringify(tally)).toBeGreaterThan(3);
    process.stdout.write(`delivery differential: ${states.length} states, ${JSON.stringify(tally)}\n`);
  });

  /**
   * The only states where the console deliberately does not block although nothing arrives, each
   * decided by the rules doc rather than by the simulation; asserted so that they stay the only ones.
   */
  it("documented exceptions: the console warns where AWS accepts the Set or its answer is unmeasured", async () => {
    const stream = async (n: number) => {
      const name = `diff-exception-${n}`;
      await ctx.firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: name,
          DeliveryStreamType: "DirectPut",
          ExtendedS3DestinationConfiguration: {
            RoleARN: `arn:aws:iam::${ctx.account}:role/firehose`,
            BucketARN: `arn:aws:s3:::${name}-archive`,
          },
          Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
        }),
      );
      return {
        kind: "firehose" as const,
        arn: `arn:aws:firehose:${REGION}:${ctx.account}:deliverystream/${name}`,
      };
    };
    // Rules doc §1: user activity on a PLUS pool with threat protection OFF is accepted, but nothing
    // is produced until it is on. "The console warns; it does not block." (documented + measured)
    const off = await verdicts(ctx, 90_001, "userAuthEvents", await stream(1), { tier: "PLUS", mode: "OFF" });
    expect(off.sandbox).toEqual({ delivered: false, why: ["threat-protection-off"] });
    expect(off.console).toEqual({ block: [], warn: ["threat-protection-off"] });
    // Rules doc §1: a LITE pool that kept threat protection; what Set does is unmeasured: "warn,
    // don't block". The sandbox assumes LITE is gated like ESSENTIALS (§2.4), so its Set refuses.
    const legacy = await verdicts(ctx, 90_002, "userAuthEvents", await stream(2), {
      tier: "LITE",
      mode: "AUDIT",
      legacy: true,
    });
    expect(legacy.sandbox.delivered).toBe(false);
    expect(legacy.sandbox.why[0]).toMatch(/FeatureUnavailableInTierException/);
    expect(legacy.console).toEqual({ block: [], warn: ["tier-lite-legacy-threat-protection"] });
    // Whereas an ESSENTIALS pool is refused by the console as by AWS.
    const essentials = await verdicts(ctx, 90_003, "userAuthEvents", await stream(3), {
      tier: "ESSENTIALS",
      mode: "OFF",
    });
    expect(agrees(essentials)).toBe(true);
  });
});

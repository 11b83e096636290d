/**
 * The resource policies log delivery needs (rules doc §3): built, read and merged as plain JSON.
 * Policies come from AWS as text that anyone may have written, so reading is lenient and never throws:
 * anything unreadable counts as "does not cover" and is never overwritten.
 */

export const LOG_DELIVERY_PRINCIPAL = "delivery.logs.amazonaws.com";
export const RESOURCE_POLICY_MAX_CHARS = 5120;
export const RESOURCE_POLICIES_PER_REGION = 10;
/** Share of the 5120 characters from which we call a policy "nearly full". */
export const RESOURCE_POLICY_NEAR_FULL_CHARS = 4608;
export const BUCKET_POLICY_MAX_CHARS = 20480;
export const VENDED_LOGS_PREFIX = "/aws/vendedlogs/";
/** The name AWS itself gives the CloudWatch Logs policy it writes for log delivery. */
export const AWS_LOG_DELIVERY_POLICY_NAME = "AWSLogDeliveryWrite20150319";
export const CONSOLE_LOG_DELIVERY_POLICY_PREFIX = "CognitoLogDelivery";

const LOG_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"] as const;

export type PolicyStatement = Record<string, unknown>;
export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
  [member: string]: unknown;
}

export interface ResourcePolicy {
  policyName: string;
  policyDocument: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function strings(value: unknown): string[] {
  return asList(value).filter((item): item is string => typeof item === "string");
}

/**
 * Reads a policy given as JSON text or as an object. Statement may be one object or a list.
 * Returns null when it is not a policy at all.
 */
export function parsePolicyDocument(policy: unknown): PolicyDocument | null {
  let value: unknown = policy;
  if (typeof policy === "string") {
    try {
      value = JSON.parse(policy);
    } catch {
      return null;
    }
  }
  if (!isRecord(value)) return null;
  const statements = asList(value.Statement);
  if (!statements.every(isRecord)) return null;
  return {
    ...value,
    Version: typeof value.Version === "string" ? value.Version : "2012-10-17",
    Statement: statements as PolicyStatement[],
  };
}

const wildcardCache = new Map<string, RegExp>();

/** IAM-style wildcard match: `*` any run of characters, `?` exactly one. */
export function wildcardMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const key = `${ignoreCase ? "i" : "s"}${pattern}`;
  let re = wildcardCache.get(key);
  if (!re) {
    const source = pattern
      .split("")
      .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
      .join("");
    re = new RegExp(`^${source}$`, ignoreCase ? "is" : "s");
    if (wildcardCache.size > 2000) wildcardCache.clear();
    wildcardCache.set(key, re);
  }
  return re.test(value);
}

function principalAllows(principal: unknown, service: string): boolean {
  if (principal === "*") return true;
  if (!isRecord(principal)) return false;
  if (strings(principal.AWS).includes("*")) return true;
  return strings(principal.Service).some((s) => s.toLowerCase() === service);
}

/** Whether a statement applies to `service` doing `action` on `resource` (Effect ignored). */
function statementMatches(
  statement: PolicyStatement,
  service: string,
  action: string,
  resource: string,
): boolean {
  if (!principalAllows(statement.Principal, service)) return false;
  if (!strings(statement.Action).some((pattern) => wildcardMatches(pattern, action, true))) return false;
  return strings(statement.Resource).some((pattern) => wildcardMatches(pattern, resource));
}

/**
 * Whether a policy lets `service` do each action on the resource: an Allow matches and no Deny does.
 * Conditions are not evaluated (ours and AWS's only narrow to the caller's own account).
 */
export function policyAllows(
  policy: unknown,
  service: string,
  actions: readonly string[],
  resource: string,
): boolean {
  const document = parsePolicyDocument(policy);
  if (!document) return false;
  return actions.every((action) => {
    const matching = document.Statement.filter((s) => statementMatches(s, service, action, resource));
    return matching.some((s) => s.Effect === "Allow") && !matching.some((s) => s.Effect === "Deny");
  });
}

// ---------- CloudWatch Logs resource policy ----------

interface ArnPlace {
  partition: string;
  region: string;
  accountId: string;
  name: string;
}

function logGroupArnPlace(logGroupArn: string): ArnPlace | null {
  const match = /^arn:([^:]+):logs:([^:]+):(\d+):log-group:([^:]+)$/.exec(logGroupArn);
  if (!match) return null;
  const [, partition = "aws", region = "", accountId = "", name = ""] = match;
  return { partition, region, accountId, name };
}

function deliveryConditions(partition: string, region: string, accountId: string): Record<string, unknown> {
  return {
    StringEquals: { "aws:SourceAccount": accountId },
    ArnLike: { "aws:SourceArn": `arn:${partition}:logs:${region}:${accountId}:*` },
  };
}

/** The resource a log group's statement names: the log group's streams, or all of /aws/vendedlogs/. */
export function logGroupPolicyResource(
  logGroupArn: string,
  scope: "log-group" | "vendedlogs" = "log-group",
): string {
  const place = logGroupArnPlace(logGroupArn);
  if (scope === "vendedlogs" && place) {
    return `arn:${place.partition}:logs:${place.region}:${place.accountId}:log-group:${VENDED_LOGS_PREFIX}*`;
  }
  return `${logGroupArn}:log-stream:*`;
}

export function isVendedLogsName(logGroupName: string): boolean {
  return logGroupName.startsWith(VENDED_LOGS_PREFIX);
}

/**
 * The statement that lets log delivery write to a log group. Under /aws/vendedlogs/ it names the whole
 * prefix, so one small statement serves every future console-made log group.
 */
export function logGroupDeliveryStatement(logGroupArn: string): PolicyStatement {
  const place = logGroupArnPlace(logGroupArn);
  const partition = place?.partition ?? "aws";
  const region = place?.region ?? "";
  const accountId = place?.accountId ?? "";
  const scope = place && isVendedLogsName(place.name) ? "vendedlogs" : "log-group";
  return {
    Sid: "AWSLogDeliveryWrite",
    Effect: "Allow",
    Principal: { Service: LOG_DELIVERY_PRINCIPAL },
    Action: [...LOG_ACTIONS],
    Resource: [logGroupPolicyResource(logGroupArn, scope)],
    Condition: deliveryConditions(partition, region, accountId),
  };
}

/** Whether a CloudWatch Logs resource policy lets log delivery write to the log group. */
export function policyCoversLogGroup(policy: unknown, logGroupArn: string): boolean {
  const arn = logGroupArn.endsWith(":*") ? logGroupArn.slice(0, -2) : logGroupArn;
  return policyAllows(policy, LOG_DELIVERY_PRINCIPAL, LOG_ACTIONS, `${arn}:log-stream:*`);
}

export function serializePolicy(document: PolicyDocument): string {
  return JSON.stringify(document);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** A statement's meaning apart from Sid and Resource, with string-or-list members normalised. */
function statementShapeKey(statement: PolicyStatement): string {
  const { Resource: _resource, Sid: _sid, ...shape } = statement;
  const principal = isRecord(shape.Principal)
    ? Object.fromEntries(Object.entries(shape.Principal).map(([k, v]) => [k, [...strings(v)].sort()]))
    : shape.Principal;
  return canonicalJson({ ...shape, Principal: principal, Action: [...strings(shape.Action)].sort() });
}

/** A statement that differs from `statement` only by its resources, to extend instead of repeating. */
function findExtensibleStatement(
  document: PolicyDocument,
  statement: PolicyStatement,
): PolicyStatement | undefined {
  const key = statementShapeKey(statement);
  return document.Statement.find((candidate) => statementShapeKey(candidate) === key);
}

/**
 * Adds a statement to a policy, keeping every statement already there. A statement of the same shape
 * gets the new resources added instead (smaller); a clashing Sid is renamed. Returns null if the
 * existing policy cannot be read: it must not be overwritten blindly.
 */
export function mergeStatement(existing: unknown, statement: PolicyStatement): PolicyDocument | null {
  const document =
    existing === null || existing === undefined ? emptyPolicy() : parsePolicyDocument(existing);
  if (!document) return null;
  const statements = document.Statement.map((s) => ({ ...s }));
  const merged: PolicyDocument = { ...document, Statement: statements };
  const similar = findExtensibleStatement(merged, statement);
  if (similar) {
    const resources = strings(similar.Resource);
    const added = strings(statement.Resource).filter((r) => !resources.includes(r));
    if (added.length > 0 || !Array.isArray(similar.Resource)) similar.Resource = [...resources, ...added];
    return merged;
  }
  const sids = new Set(statements.map((s) => s.Sid));
  let sid = statement.Sid;
  for (let n = 2; typeof sid === "string" && sids.has(sid); n++) sid = `${String(statement.Sid)}${n}`;
  statements.push(sid === undefined ? { ...statement } : { ...statement, Sid: sid });
  return merged;
}

function emptyPolicy(): PolicyDocument {
  return { Version: "2012-10-17", Statement: [] };
}

export type LogGroupPolicyPlan =
  | { action: "none"; policyName: string; reason: string }
  | { action: "update" | "create"; policyName: string; policyDocument: string; nearlyFull: boolean }
  | { action: "impossible"; reason: string };

function mentionsLogDelivery(document: PolicyDocument): boolean {
  return document.Statement.some(
    (s) => principalAllows(s.Principal, LOG_DELIVERY_PRINCIPAL) && s.Principal !== "*",
  );
}

/**
 * How to let log delivery write to a log group: nothing (already covered), add to an existing
 * delivery policy that has room, or create a new policy (at most 10 per account and region).
 */
export function planLogGroupPolicy(input: {
  logGroupArn: string;
  resourcePolicies: readonly ResourcePolicy[];
  /** Name for a new policy; defaults to a free `CognitoLogDelivery-<n>`. */
  newPolicyName?: string;
}): LogGroupPolicyPlan {
  const { logGroupArn, resourcePolicies } = input;
  const covering = resourcePolicies.find((p) => policyCoversLogGroup(p.policyDocument, logGroupArn));
  if (covering) {
    return {
      action: "none",
      policyName: covering.policyName,
      reason: `Already allowed by ${covering.policyName}.`,
    };
  }
  const statement = logGroupDeliveryStatement(logGroupArn);
  // AWS's own policy first, then ours, then any other policy already about log delivery.
  const rank = (p: ResourcePolicy): number =>
    p.policyName === AWS_LOG_DELIVERY_POLICY_NAME
      ? 0
      : p.policyName.startsWith(CONSOLE_LOG_DELIVERY_POLICY_PREFIX)
        ? 1
        : 2;
  const candidates = [...resourcePolicies].sort((a, b) => rank(a) - rank(b));
  for (const policy of candidates) {
    const document = parsePolicyDocument(policy.policyDocument);
    if (!document || !mentionsLogDelivery(document)) continue;
    const merged = mergeStatement(document, statement);
    if (!merged) continue;
    const text = serializePolicy(merged);
    if (text.length <= RESOURCE_POLICY_MAX_CHARS) {
      return {
        action: "update",
        policyName: policy.policyName,
        policyDocument: text,
        nearlyFull: text.length >= RESOURCE_POLICY_NEAR_FULL_CHARS,
      };
    }
  }
  if (resourcePolicies.length >= RESOURCE_POLICIES_PER_REGION) {
    return {
      action: "impossible",
      reason: `This account already has ${resourcePolicies.length} CloudWatch Logs resource policies in this region (the limit is ${RESOURCE_POLICIES_PER_REGION}) and none has room for this log group. Use a log group named under ${VENDED_LOGS_PREFIX} (for example ${VENDED_LOGS_PREFIX}cognito/<pool>/…), or remove a policy you no longer need.`,
    };
  }
  const names = new Set(resourcePolicies.map((p) => p.policyName));
  let policyName = input.newPolicyName ?? CONSOLE_LOG_DELIVERY_POLICY_PREFIX;
  for (let n = 2; names.has(policyName); n++)
    policyName = `${input.newPolicyName ?? CONSOLE_LOG_DELIVERY_POLICY_PREFIX}-${n}`;
  const text = serializePolicy({ Version: "2012-10-17", Statement: [statement] });
  return { action: "create", policyName, policyDocument: text, nearlyFull: false };
}

// ---------- S3 bucket policy ----------

function bucketNameOf(bucketArnOrName: string): string {
  return bucketArnOrName.replace(/^arn:[^:]+:s3:::/, "");
}

function bucketPartition(bucketArnOrName: string): string {
  return /^arn:([^:]+):s3:::/.exec(bucketArnOrName)?.[1] ?? "aws";
}

/** The two statements log delivery needs on a bucket: read its ACL, write under AWSLogs/<account>/. */
export function bucketDeliveryStatements(input: {
  bucket: string;
  region: string;
  accountId: string;
}): PolicyStatement[] {
  const name = bucketNameOf(input.bucket);
  const partition = bucketPartition(input.bucket);
  const conditions = deliveryConditions(partition, input.region, input.accountId);
  return [
    {
      Sid: "AWSLogDeliveryAclCheck",
      Effect: "Allow",
      Principal: { Service: LOG_DELIVERY_PRINCIPAL },
      Action: "s3:GetBucketAcl",
      Resource: `arn:${partition}:s3:::${name}`,
      Condition: conditions,
    },
    {
      Sid: "AWSLogDeliveryWrite",
      Effect: "Allow",
      Principal: { Service: LOG_DELIVERY_PRINCIPAL },
      Action: "s3:PutObject",
      Resource: `arn:${partition}:s3:::${name}/AWSLogs/${input.accountId}/*`,
      Condition: {
        StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": input.accountId },
        ArnLike: conditions.ArnLike,
      },
    },
  ];
}

/** Which of the two delivery permissions a bucket policy grants. */
export function bucketPolicyDeliveryStatus(
  policy: unknown,
  bucket: string,
  accountId: string,
): { getBucketAcl: boolean; putObject: boolean } {
  const name = bucketNameOf(bucket);
  const partition = bucketPartition(bucket);
  return {
    getBucketAcl: policyAllows(
      policy,
      LOG_DELIVERY_PRINCIPAL,
      ["s3:GetBucketAcl"],
      `arn:${partition}:s3:::${name}`,
    ),
    putObject: policyAllows(
      policy,
      LOG_DELIVERY_PRINCIPAL,
      ["s3:PutObject"],
      `arn:${partition}:s3:::${name}/AWSLogs/${accountId}/*`,
    ),
  };
}

export function bucketPolicyHasDelivery(policy: unknown, bucket: string, accountId: string): boolean {
  const status = bucketPolicyDeliveryStatus(policy, bucket, accountId);
  return status.getBucketAcl && status.putObject;
}

export type BucketPolicyPlan =
  | { action: "none"; reason: string }
  | { action: "put"; policyDocument: string }
  | { action: "impossible"; reason: string };

/**
 * The bucket policy to put so log delivery can write: the existing one (null when the bucket has none)
 * plus whichever delivery statements it lacks. Never drops a statement; refuses an unreadable policy.
 */
export function planBucketPolicy(input: {
  existingPolicy: unknown;
  bucket: string;
  region: string;
  accountId: string;
}): BucketPolicyPlan {
  const status = bucketPolicyDeliveryStatus(input.existingPolicy, input.bucket, input.accountId);
  if (status.getBucketAcl && status.putObject) {
    return { action: "none", reason: "The bucket policy already lets log delivery write." };
  }
  const hasPolicy =
    input.existingPolicy !== null && input.existingPolicy !== undefined && input.existingPolicy !== "";
  let document: PolicyDocument | null = hasPolicy ? parsePolicyDocument(input.existingPolicy) : emptyPolicy();
  if (!document) {
    return {
      action: "impossible",
      reason:
        "The bucket's current policy could not be read, so the console will not change it. Add the log delivery statements by hand.",
    };
  }
  const [aclStatement, writeStatement] = bucketDeliveryStatements(input);
  const missing = [status.getBucketAcl ? null : aclStatement, status.putObject ? null : writeStatement];
  for (const statement of missing) {
    if (!statement || !document) continue;
    document = mergeStatement(document, statement);
  }
  if (!document) return { action: "impossible", reason: "The bucket policy could not be merged." };
  const text = serializePolicy(document);
  if (text.length > BUCKET_POLICY_MAX_CHARS) {
    return {
      action: "impossible",
      reason: `The bucket policy would exceed ${BUCKET_POLICY_MAX_CHARS} characters; make room in it or choose another bucket.`,
    };
  }
  return { action: "put", policyDocument: text };
}

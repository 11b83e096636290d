/**
 * The resource policies log delivery needs (rules doc §3): built, read and merged as plain JSON.
 * Policies come from AWS as text that anyone may have written, so reading is lenient and never throws:
 * anything unreadable counts as "does not cover" and is never overwritten.
 */

export const LOG_DELIVERY_PRINCIPAL = "delivery.logs.amazonaws.com";
/** Account-level CloudWatch Logs resource policies: at most 10 per account and region, 5120 characters each. */
export const RESOURCE_POLICY_MAX_CHARS = 5120;
export const RESOURCE_POLICIES_PER_REGION = 10;
/** A log-group-scoped resource policy: one per log group, up to 51,200 bytes (logs API model; rules doc §3). */
export const LOG_GROUP_POLICY_MAX_BYTES = 51_200;
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

/** An account-level CloudWatch Logs resource policy (`policyScope: ACCOUNT`, named). */
export interface ResourcePolicy {
  policyName: string;
  policyDocument: string;
}

/**
 * The resource policy attached to one log group (`policyScope: RESOURCE`). `revisionId` is what a
 * replacing PutResourcePolicy must send as `expectedRevisionId` (AWS refuses it otherwise).
 */
export interface LogGroupPolicy {
  resourceArn: string;
  policyDocument: string;
  revisionId: string | null;
}

/** Which resource policy lets log delivery write to a log group (rules doc §3: either scope may). */
export type LogGroupDeliveryGrant = { scope: "log-group" } | { scope: "account"; policyName: string };

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

/** Whether a statement applies to `service` doing `action` on `resource` (Effect and Condition ignored). */
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

// ---------- Conditions ----------

/**
 * What we know of the requests AWS's log-delivery service makes for this account: enough to evaluate
 * the conditions found in real policies. Without `accountId`, account and source conditions cannot be
 * evaluated; without `region`, the region part of `aws:SourceArn` is not checked (the caller does not
 * know the pool's region, and a bucket's delivery statement names it).
 */
export interface DeliveryRequestContext {
  accountId?: string;
  region?: string;
  partition?: string;
}

/**
 * true: surely holds; false: surely does not; undefined: cannot tell. A Deny blocks only when its
 * condition surely holds, an Allow grants only when its condition surely holds: an unknown leaves
 * "not allowed", which the console reports as a warning, never as a block that is not there.
 */
type Truth = boolean | undefined;

type ContextValue =
  | { kind: "exact"; value: string }
  /** Log delivery's source ARN: `arn:<partition>:logs:<region>:<account>:<a resource we do not know>`. */
  | { kind: "sourceArn"; partition: string; region: string | undefined; accountId: string };

/**
 * Three-valued (Kleene) AND / OR: `decisive` settles the whole at once (false for AND, true for OR);
 * otherwise an unknown makes the whole unknown; with neither, the other value. Empty: the other value.
 */
function combine(values: Iterable<Truth>, decisive: boolean): Truth {
  let result: Truth = !decisive;
  for (const value of values) {
    if (value === decisive) return decisive;
    if (value === undefined) result = undefined;
  }
  return result;
}

const and = (values: Iterable<Truth>): Truth => combine(values, false);
const or = (values: Iterable<Truth>): Truth => combine(values, true);

const not = (value: Truth): Truth => (value === undefined ? undefined : !value);

/** Condition keys (case-insensitive, so lower-cased) as the delivery service's request carries them. */
function deliveryContext(
  service: string,
  action: string,
  request: DeliveryRequestContext | undefined,
): Map<string, ContextValue> {
  const exact = (value: string): ContextValue => ({ kind: "exact", value });
  const context = new Map<string, ContextValue>([
    // AWS services call each other over TLS only.
    ["aws:securetransport", exact("true")],
    ["aws:principalisawsservice", exact("true")],
    ["aws:principalservicename", exact(service)],
  ]);
  if (request?.accountId) {
    context.set("aws:sourceaccount", exact(request.accountId));
    context.set("aws:sourcearn", {
      kind: "sourceArn",
      partition: request.partition ?? "aws",
      region: request.region,
      accountId: request.accountId,
    });
  }
  // Log delivery writes objects with this canned ACL (rules doc §3).
  if (action.toLowerCase() === "s3:putobject")
    context.set("s3:x-amz-acl", exact("bucket-owner-full-control"));
  return context;
}

/** `arn`: wildcards within each colon-separated part; `like`: wildcards over the whole string. */
type MatchMode = "equals" | "equalsIgnoreCase" | "like" | "arn" | "bool";

function matchesExact(mode: MatchMode, expected: string, actual: string): boolean {
  if (mode === "equals") return expected === actual;
  if (mode === "equalsIgnoreCase" || mode === "bool") return expected.toLowerCase() === actual.toLowerCase();
  return wildcardMatches(expected, actual);
}

/** Compares a pattern with the source ARN, whose resource part we do not know. */
function matchesSourceArn(
  mode: MatchMode,
  expected: string,
  actual: Extract<ContextValue, { kind: "sourceArn" }>,
): Truth {
  if (mode === "bool") return undefined;
  // A `*` in a string pattern may span colons, so a part that does not match proves nothing then.
  const mismatch = mode === "like" && expected.includes("*") ? undefined : false;
  const parts = expected.split(":");
  if (parts.length < 6) return mismatch;
  const known = ["arn", actual.partition, "logs", actual.region, actual.accountId];
  for (const [i, value] of known.entries()) {
    if (value !== undefined && !matchesExact(mode, parts[i] ?? "", value)) return mismatch;
  }
  const resource = parts.slice(5).join(":");
  return (mode === "like" || mode === "arn") && /^\*+$/.test(resource) ? true : undefined;
}

const OPERATORS: Record<string, { mode: MatchMode; negated: boolean }> = {
  stringequals: { mode: "equals", negated: false },
  stringnotequals: { mode: "equals", negated: true },
  stringequalsignorecase: { mode: "equalsIgnoreCase", negated: false },
  stringnotequalsignorecase: { mode: "equalsIgnoreCase", negated: true },
  stringlike: { mode: "like", negated: false },
  stringnotlike: { mode: "like", negated: true },
  // ARN operators match each part with wildcards, ArnEquals included.
  arnequals: { mode: "arn", negated: false },
  arnlike: { mode: "arn", negated: false },
  arnnotequals: { mode: "arn", negated: true },
  arnnotlike: { mode: "arn", negated: true },
  bool: { mode: "bool", negated: false },
};

/** Condition values are strings in the grammar, but policies in the wild also write booleans and numbers. */
function conditionValues(value: unknown): string[] | null {
  const values = asList(value);
  if (values.length === 0) return null;
  const out: string[] = [];
  for (const item of values) {
    if (typeof item === "string") out.push(item);
    else if (typeof item === "boolean" || typeof item === "number") out.push(String(item));
    else return null;
  }
  return out;
}

/**
 * Keys a service principal's request never carries (IAM user guide, global condition keys: the org
 * keys are present only for principals in an organization, which a service principal is not). IAM
 * then makes a condition false, a negated one true, `…IfExists` true ("Condition operators").
 */
const ABSENT_FOR_SERVICE_PRINCIPALS = new Set(["aws:principalorgid", "aws:principalorgpaths"]);

function conditionHolds(condition: unknown, context: Map<string, ContextValue>): Truth {
  if (condition === undefined) return true;
  if (!isRecord(condition)) return undefined;
  const results: Truth[] = [];
  for (const [rawOperator, block] of Object.entries(condition)) {
    if (!isRecord(block)) return undefined;
    // ForAnyValue:/ForAllValues: and operators we do not model (Numeric, Date, IpAddress…) stay unknown.
    const name = rawOperator.toLowerCase();
    const ifExists = name.endsWith("ifexists");
    const operator = OPERATORS[ifExists ? name.slice(0, -"ifexists".length) : name];
    const isNull = name === "null";
    for (const [rawKey, rawValues] of Object.entries(block)) {
      const actual = context.get(rawKey.toLowerCase());
      const values = conditionValues(rawValues);
      const absent = actual === undefined && ABSENT_FOR_SERVICE_PRINCIPALS.has(rawKey.toLowerCase());
      if (values && absent && (isNull || operator)) {
        results.push(isNull ? values.some((v) => v.toLowerCase() === "true") : ifExists || operator?.negated);
        continue;
      }
      if (!values || actual === undefined) {
        results.push(undefined);
        continue;
      }
      if (isNull) {
        // The keys we know are present: {"Null": {key: "true"}} asks for an absent key.
        results.push(or(values.map((v) => v.toLowerCase() === "false")));
        continue;
      }
      if (!operator) {
        results.push(undefined);
        continue;
      }
      const matched = or(
        values.map((expected) =>
          actual.kind === "exact"
            ? matchesExact(operator.mode, expected, actual.value)
            : matchesSourceArn(operator.mode, expected, actual),
        ),
      );
      results.push(operator.negated ? not(matched) : matched);
    }
  }
  return and(results);
}

/**
 * Whether a policy lets `service` do each action on the resource: an Allow surely applies and no Deny
 * surely does. Conditions are evaluated against what the log-delivery service's requests carry
 * (`request`); a condition we cannot evaluate makes an Allow not grant and a Deny not block.
 */
export function policyAllows(
  policy: unknown,
  service: string,
  actions: readonly string[],
  resource: string,
  request?: DeliveryRequestContext,
): boolean {
  return policiesAllow([policy], service, actions, resource, request);
}

/**
 * Whether several policies that apply to the same request, evaluated together, let `service` do each
 * action: per action, some Allow in any of them applies and no Deny in any of them does (IAM policy
 * evaluation logic: "an explicit deny in any policy overrides any allow"; an action may be allowed by
 * one policy and another action by another). Unparseable documents contribute nothing.
 */
export function policiesAllow(
  policies: readonly unknown[],
  service: string,
  actions: readonly string[],
  resource: string,
  request?: DeliveryRequestContext,
): boolean {
  const statements = policies.flatMap((p) => parsePolicyDocument(p)?.Statement ?? []);
  if (statements.length === 0) return false;
  return actions.every((action) => {
    const context = deliveryContext(service, action, request);
    const applies = (s: PolicyStatement) =>
      statementMatches(s, service, action, resource) && conditionHolds(s.Condition, context) === true;
    const matching = statements.filter(applies);
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
  return policiesCoverLogGroup([policy], logGroupArn);
}

/**
 * Whether CloudWatch Logs resource policies, evaluated together (every account-level policy of the
 * region and the log group's own one all apply to a delivery), let log delivery write to the log
 * group: a Deny in any of them wins over an Allow in another.
 */
export function policiesCoverLogGroup(policies: readonly unknown[], logGroupArn: string): boolean {
  const arn = logGroupArn.endsWith(":*") ? logGroupArn.slice(0, -2) : logGroupArn;
  // Delivery must come from the log group's own account and region (rules doc §2.5).
  const place = logGroupArnPlace(arn);
  const request = place
    ? { accountId: place.accountId, region: place.region, partition: place.partition }
    : undefined;
  return policiesAllow(policies, LOG_DELIVERY_PRINCIPAL, LOG_ACTIONS, `${arn}:log-stream:*`, request);
}

/**
 * Which policy grants delivery to a log group: the one attached to it, else an account-level one;
 * null when none does (as far as the policies given tell). All of them are judged together first,
 * so a Deny in one scope cancels a grant in the other (rules doc §3; IAM evaluation logic).
 */
export function logGroupDeliveryGrant(input: {
  logGroupArn: string;
  accountPolicies: readonly ResourcePolicy[];
  logGroupPolicy: LogGroupPolicy | null;
}): LogGroupDeliveryGrant | null {
  const documents = [
    ...input.accountPolicies.map((p) => p.policyDocument),
    ...(input.logGroupPolicy ? [input.logGroupPolicy.policyDocument] : []),
  ];
  if (!policiesCoverLogGroup(documents, input.logGroupArn)) return null;
  if (input.logGroupPolicy && policyCoversLogGroup(input.logGroupPolicy.policyDocument, input.logGroupArn)) {
    return { scope: "log-group" };
  }
  const covering = input.accountPolicies.find((p) =>
    policyCoversLogGroup(p.policyDocument, input.logGroupArn),
  );
  // Granted only by several policies together (an action in each): name the first account one.
  if (covering) return { scope: "account", policyName: covering.policyName };
  return input.logGroupPolicy
    ? { scope: "log-group" }
    : { scope: "account", policyName: input.accountPolicies[0]?.policyName ?? "" };
}

/** The statement of a log-group-scoped policy: only this log group's streams, whatever its name. */
export function logGroupScopedStatement(logGroupArn: string): PolicyStatement {
  return { ...logGroupDeliveryStatement(logGroupArn), Resource: [logGroupPolicyResource(logGroupArn)] };
}

/** UTF-8 length, the unit of the 51,200-byte limit (the domain runs in browsers too: no Buffer). */
function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

export type LogGroupScopedPlan =
  | { action: "none"; grant: LogGroupDeliveryGrant; reason: string }
  | {
      action: "put";
      policyDocument: string;
      /** The revision the write replaces; null creates the log group's first policy. */
      expectedRevisionId: string | null;
    }
  | { action: "impossible"; reason: string };

/**
 * How to let log delivery write to a log group with the policy attached to the log group itself, as
 * AWS does for new deliveries (rules doc §3): nothing when either scope already grants it, else the
 * log group's policy plus the delivery statement, every statement already there kept. Never spends an
 * account-level slot.
 */
export function planLogGroupScopedPolicy(input: {
  logGroupArn: string;
  accountPolicies: readonly ResourcePolicy[];
  logGroupPolicy: LogGroupPolicy | null;
}): LogGroupScopedPlan {
  const grant = logGroupDeliveryGrant(input);
  if (grant) {
    return {
      action: "none",
      grant,
      reason:
        grant.scope === "log-group"
          ? "Already allowed by the log group's own resource policy."
          : `Already allowed by the account-level resource policy ${grant.policyName}.`,
    };
  }
  const existing = input.logGroupPolicy;
  const merged = mergeStatement(existing?.policyDocument ?? null, logGroupScopedStatement(input.logGroupArn));
  if (!merged) {
    return {
      action: "impossible",
      reason:
        "The log group's resource policy could not be read, so the console will not change it. Add the log delivery statement by hand.",
    };
  }
  const text = serializePolicy(merged);
  if (utf8Bytes(text) > LOG_GROUP_POLICY_MAX_BYTES) {
    return {
      action: "impossible",
      reason: `The log group's resource policy would exceed ${LOG_GROUP_POLICY_MAX_BYTES} bytes; make room in it first.`,
    };
  }
  return { action: "put", policyDocument: text, expectedRevisionId: existing?.revisionId ?? null };
}

export function serializePolicy(document: PolicyDocument): string {
  return JSON.stringify(document);
}

/**
 * JSON with object keys sorted at every depth, so two documents that mean the same compare equal as
 * strings (array order is kept: it can matter).
 */
export function canonicalJson(value: unknown): string {
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

/**
 * Which of the two delivery permissions a bucket policy grants. `region` is the pool's (and so the
 * bucket's) region; without it the region in `aws:SourceArn` conditions is not checked.
 */
export function bucketPolicyDeliveryStatus(
  policy: unknown,
  bucket: string,
  accountId: string,
  region?: string,
): { getBucketAcl: boolean; putObject: boolean } {
  const name = bucketNameOf(bucket);
  const partition = bucketPartition(bucket);
  const request = { accountId, partition, ...(region === undefined ? {} : { region }) };
  return {
    getBucketAcl: policyAllows(
      policy,
      LOG_DELIVERY_PRINCIPAL,
      ["s3:GetBucketAcl"],
      `arn:${partition}:s3:::${name}`,
      request,
    ),
    putObject: policyAllows(
      policy,
      LOG_DELIVERY_PRINCIPAL,
      ["s3:PutObject"],
      `arn:${partition}:s3:::${name}/AWSLogs/${accountId}/*`,
      request,
    ),
  };
}

export function bucketPolicyHasDelivery(
  policy: unknown,
  bucket: string,
  accountId: string,
  region?: string,
): boolean {
  const status = bucketPolicyDeliveryStatus(policy, bucket, accountId, region);
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
  const status = bucketPolicyDeliveryStatus(
    input.existingPolicy,
    input.bucket,
    input.accountId,
    input.region,
  );
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

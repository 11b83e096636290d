/**
 * UpdateUserPool replaces a user pool whole: "With the exception of `UserPoolTier`, if you don't
 * provide a value for an attribute, Amazon Cognito sets it to its default value. To avoid setting
 * parameters to Amazon Cognito defaults, construct this API request to pass the existing configuration
 * of your user pool, modified to include the changes that you want to make." (UpdateUserPool, the API
 * model: botocore cognito-idp 2016-04-18 and the AWS SDK v3 client this BFF ships.)
 *
 * This module is that construction, as pure functions over JSON (no I/O). The member lists are
 * checked against the SDK's own model types at compile time: a new SDK that adds a member to
 * `UpdateUserPoolRequest` or to DescribeUserPool's `UserPoolType` fails the typecheck until the
 * member is sorted here. Only types are imported from the SDK; the gateway makes the calls.
 */
import type { UpdateUserPoolRequest, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";

/** DescribeUserPool's `UserPool`, as JSON (dates as ISO strings, absent members absent). */
export type DescribedPool = Readonly<Record<string, unknown>>;

/** The members of an UpdateUserPool request other than `UserPoolId`. */
export type UpdatableMember = Exclude<keyof UpdateUserPoolRequest, "UserPoolId">;
export type PoolUpdate = Partial<Record<UpdatableMember, unknown>>;

/**
 * For each member UpdateUserPool can set, the member of DescribeUserPool's `UserPoolType` that holds
 * its current value. Same shape on both sides except the name (`Name` → `PoolName`).
 */
export const UPDATE_SOURCES = {
  Policies: "Policies",
  DeletionProtection: "DeletionProtection",
  LambdaConfig: "LambdaConfig",
  AutoVerifiedAttributes: "AutoVerifiedAttributes",
  // "This parameter is no longer used" (model) for the next three, but DescribeUserPool still returns
  // them and Terraform's provider still sends them: sent back as described, never invented.
  SmsVerificationMessage: "SmsVerificationMessage",
  EmailVerificationMessage: "EmailVerificationMessage",
  EmailVerificationSubject: "EmailVerificationSubject",
  VerificationMessageTemplate: "VerificationMessageTemplate",
  SmsAuthenticationMessage: "SmsAuthenticationMessage",
  UserAttributeUpdateSettings: "UserAttributeUpdateSettings",
  MfaConfiguration: "MfaConfiguration",
  DeviceConfiguration: "DeviceConfiguration",
  EmailConfiguration: "EmailConfiguration",
  SmsConfiguration: "SmsConfiguration",
  UserPoolTags: "UserPoolTags",
  AdminCreateUserConfig: "AdminCreateUserConfig",
  UserPoolAddOns: "UserPoolAddOns",
  DcrConfiguration: "DcrConfiguration",
  AccountRecoverySetting: "AccountRecoverySetting",
  PoolName: "Name",
  UserPoolTier: "UserPoolTier",
  KeyConfiguration: "KeyConfiguration",
  IssuerConfiguration: "IssuerConfiguration",
  AcrConfiguration: "AcrConfiguration",
} as const satisfies Record<UpdatableMember, keyof UserPoolType>;

/**
 * Members DescribeUserPool returns that UpdateUserPool has no member for: set at creation or by other
 * operations (AddCustomAttributes, CreateUserPoolDomain…) or computed. An update neither sends nor
 * resets them, so they are not at risk.
 */
export const DESCRIBE_ONLY = [
  "Id",
  "Status",
  "LastModifiedDate",
  "CreationDate",
  "SchemaAttributes",
  "AliasAttributes",
  "UsernameAttributes",
  "EstimatedNumberOfUsers",
  "SmsConfigurationFailure",
  "EmailConfigurationFailure",
  "Domain",
  "CustomDomain",
  "UsernameConfiguration",
  "Arn",
] as const satisfies readonly (keyof UserPoolType)[];

// Compile-time: every member of the SDK's UserPoolType is either sent back or known to be untouched.
type Unsorted = Exclude<
  keyof UserPoolType,
  (typeof UPDATE_SOURCES)[UpdatableMember] | (typeof DESCRIBE_ONLY)[number]
>;
const everyDescribedMemberIsSorted: [Unsorted] extends [never] ? true : Unsorted = true;
void everyDescribedMemberIsSorted;

const KNOWN_DESCRIBED = new Set<string>([...Object.values(UPDATE_SOURCES), ...DESCRIBE_ONLY]);

export type PoolUpdatePlan =
  | { readonly ok: true; readonly request: PoolUpdate }
  | { readonly ok: false; readonly problems: readonly string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The UpdateUserPool request (without `UserPoolId`) that sets `change` and sends back every other
 * member as `pool` (a DescribeUserPool answer) holds it.
 *
 * - A member the pool does not have is left out, as DescribeUserPool left it out.
 * - `AdminCreateUserConfig.UnusedAccountValidityDays` is left out when the password policy has
 *   `TemporaryPasswordValidityDays`: DescribeUserPool returns both (one mirrors the other), and
 *   UpdateUserPool refuses both together ("Please use TemporaryPasswordValidityDays in PasswordPolicy
 *   instead of UnusedAccountValidityDays", InvalidParameterException; Terraform's provider drops it alike).
 * - `VerificationMessageTemplate`: only the message of its `DefaultEmailOption` is sent ("For
 *   CONFIRM_WITH_LINK, specify an EmailMessageByLink and leave EmailMessage blank. For
 *   CONFIRM_WITH_CODE, specify an EmailMessage and leave EmailMessageByLink blank. When you supply both
 *   parameters with either choice, Amazon Cognito returns an error.", the model); with a link, the
 *   deprecated `EmailVerificationMessage` (the code message's old name) is left out too.
 * - MFA: `MfaConfiguration`, `SmsConfiguration` and `SmsAuthenticationMessage` go back as described.
 *   The factors themselves (TOTP, email, passkeys) are SetUserPoolMfaConfig's and have no member in
 *   UpdateUserPool, so it cannot reset them; AWS's check that ON/OPTIONAL has a factor sees the state
 *   it accepted before. The read-back after the update confirms `MfaConfiguration` held.
 *
 * Refuses (`ok: false`, one sentence per member) when the pool holds a member this module does not
 * know: UpdateUserPool might reset it, and the console will not risk a setting it cannot send back.
 */
export function updateKeepingTheRest(pool: DescribedPool, change: PoolUpdate): PoolUpdatePlan {
  const problems = Object.keys(pool)
    .filter((member) => pool[member] !== undefined && pool[member] !== null && !KNOWN_DESCRIBED.has(member))
    .map(
      (member) =>
        `DescribeUserPool returned ${member}, which the console does not know how to send back; UpdateUserPool could reset it.`,
    );
  if (problems.length > 0) return { ok: false, problems };

  const request: Record<string, unknown> = {};
  for (const [member, source] of Object.entries(UPDATE_SOURCES) as [UpdatableMember, string][]) {
    const value = member in change ? change[member] : pool[source];
    if (value !== undefined && value !== null) request[member] = value;
  }
  const temporaryDays =
    isRecord(request.Policies) && isRecord(request.Policies.PasswordPolicy)
      ? request.Policies.PasswordPolicy.TemporaryPasswordValidityDays
      : undefined;
  if (
    temporaryDays !== undefined &&
    isRecord(request.AdminCreateUserConfig) &&
    "UnusedAccountValidityDays" in request.AdminCreateUserConfig
  ) {
    const { UnusedAccountValidityDays: _mirror, ...rest } = request.AdminCreateUserConfig;
    request.AdminCreateUserConfig = rest;
  }
  const template = request.VerificationMessageTemplate;
  if (isRecord(template)) {
    const byLink = template.DefaultEmailOption === "CONFIRM_WITH_LINK";
    const { EmailMessage, EmailMessageByLink, ...rest } = template;
    const kept = byLink ? { EmailMessageByLink } : { EmailMessage };
    request.VerificationMessageTemplate = Object.fromEntries(
      Object.entries({ ...rest, ...kept }).filter(([, v]) => v !== undefined && v !== null),
    );
    if (byLink) delete request.EmailVerificationMessage;
  }
  return { ok: true, request };
}

/** JSON with object keys sorted and arrays in a fixed order (none of these lists carries meaning in its order). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(",")}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined && value[k] !== null)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Does `actual` hold every value of `sent` (objects may have gained members AWS fills in)? */
function holds(sent: unknown, actual: unknown): boolean {
  if (isRecord(sent)) {
    if (!isRecord(actual)) return false;
    return Object.entries(sent).every(([k, v]) => v === undefined || v === null || holds(v, actual[k]));
  }
  return canonical(sent) === canonical(actual);
}

export interface MemberDifference {
  readonly member: UpdatableMember;
  readonly sent: unknown;
  /** What the pool holds now, read back and mapped like the request (undefined: absent). */
  readonly now: unknown;
}

/**
 * The members of `sent` (an UpdateUserPool request from `updateKeepingTheRest`) that `after` (the
 * pool read back after the update) does not hold as sent, except those in `changed`, which the caller
 * checks itself. Empty when every member kept its value. A member AWS filled in on its own beside what
 * was sent is not a difference: only a value that was sent and is no longer there is.
 */
export function membersNotKept(
  sent: PoolUpdate,
  after: DescribedPool,
  changed: readonly UpdatableMember[] = [],
): MemberDifference[] {
  const plan = updateKeepingTheRest(after, {});
  const now: PoolUpdate = plan.ok ? plan.request : {};
  const differences: MemberDifference[] = [];
  for (const member of Object.keys(sent) as UpdatableMember[]) {
    if (changed.includes(member)) continue;
    if (!holds(sent[member], now[member])) differences.push({ member, sent: sent[member], now: now[member] });
  }
  return differences;
}

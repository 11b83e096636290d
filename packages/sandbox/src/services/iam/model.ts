/**
 * IAM's role model: the stored role, the request shapes (constraints from the IAM API model,
 * botocore `iam/2010-05-08`), and a role as IAM describes it.
 */

import type { XmlObject } from "../../core/protocols/xml.ts";
import { int, required, str, struct } from "../../core/shapes.ts";
import { AwsError } from "../../core/types.ts";

export interface RoleRecord {
  accountId: string;
  name: string;
  path: string;
  id: string;
  createdMs: number;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  inlinePolicies: Record<string, string>;
  /** ARNs of the customer managed policies attached (AttachRolePolicy). */
  attachedPolicies?: string[];
}

/** A customer managed policy (CreatePolicy); one version, the default. */
export interface ManagedPolicyRecord {
  accountId: string;
  name: string;
  path: string;
  id: string;
  createdMs: number;
  document: string;
  description?: string;
}

const NAME = "[\\w+=,.@-]+";
const ROLE_NAME = required(str({ min: 1, max: 64, pattern: NAME }));
const POLICY_NAME = required(str({ min: 1, max: 128, pattern: NAME }));
const POLICY_DOCUMENT = str({ min: 1, max: 131072, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+" });
/** roleDescriptionType: Latin-1 printable without the C1 controls, plus tab and line breaks. */
const ROLE_DESCRIPTION = str({
  max: 1000,
  pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*",
});
export const CreateRoleRequest = struct("CreateRoleRequest", {
  Path: str({ min: 1, max: 512, pattern: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)" }),
  RoleName: ROLE_NAME,
  AssumeRolePolicyDocument: required(POLICY_DOCUMENT),
  Description: ROLE_DESCRIPTION,
  MaxSessionDuration: int({ min: 3600, max: 43200 }),
});
export const GetRoleRequest = struct("GetRoleRequest", { RoleName: ROLE_NAME });
export const PutRolePolicyRequest = struct("PutRolePolicyRequest", {
  RoleName: ROLE_NAME,
  PolicyName: POLICY_NAME,
  PolicyDocument: required(POLICY_DOCUMENT),
});
export const DeleteRoleRequest = struct("DeleteRoleRequest", { RoleName: ROLE_NAME });
export const DeleteRolePolicyRequest = struct("DeleteRolePolicyRequest", {
  RoleName: ROLE_NAME,
  PolicyName: POLICY_NAME,
});
const POLICY_ARN = required(str({ min: 20, max: 2048 }));
export const CreatePolicyRequest = struct("CreatePolicyRequest", {
  PolicyName: POLICY_NAME,
  Path: str({ min: 1, max: 512, pattern: "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/" }),
  PolicyDocument: required(POLICY_DOCUMENT),
  Description: str({ max: 1000 }),
});
export const AttachRolePolicyRequest = struct("AttachRolePolicyRequest", {
  RoleName: ROLE_NAME,
  PolicyArn: POLICY_ARN,
});
export const DetachRolePolicyRequest = struct("DetachRolePolicyRequest", {
  RoleName: ROLE_NAME,
  PolicyArn: POLICY_ARN,
});
export const ListAttachedRolePoliciesRequest = struct("ListAttachedRolePoliciesRequest", {
  RoleName: ROLE_NAME,
});

/** A managed policy as IAM describes it (`Policy` in the model, members in its order). */
export function describePolicy(policy: ManagedPolicyRecord, attachments: number): XmlObject {
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policyArn(policy),
    Path: policy.path,
    DefaultVersionId: "v1",
    AttachmentCount: attachments,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: new Date(policy.createdMs),
    UpdateDate: new Date(policy.createdMs),
  };
}

export const policyArn = (p: Pick<ManagedPolicyRecord, "accountId" | "path" | "name">): string =>
  `arn:aws:iam::${p.accountId}:policy${p.path}${p.name}`;

export const CreateServiceLinkedRoleRequest = struct("CreateServiceLinkedRoleRequest", {
  AWSServiceName: required(str({ min: 1, max: 128, pattern: NAME })),
  Description: ROLE_DESCRIPTION,
  CustomSuffix: str({ min: 1, max: 64, pattern: NAME }),
});

/** Names of the service-linked roles AWS creates, by service principal; others follow AWS's usual pattern. */
export const LINKED_ROLE_NAMES: Record<string, string> = {
  "delivery.logs.amazonaws.com": "AWSServiceRoleForLogDelivery",
  "firehose.amazonaws.com": "AWSServiceRoleForAmazonKinesisFirehose",
};

export function assertPolicyJson(document: string): void {
  try {
    const parsed: unknown = JSON.parse(document);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return;
  } catch {
    // fall through
  }
  throw new AwsError("MalformedPolicyDocument", "Syntax errors in policy.");
}

/**
 * A role as IAM describes it (`Role` in the model, members in its order); the trust policy is
 * URL-encoded as IAM sends it. GetRole adds `RoleLastUsed`, empty for a role never used (AWS's GetRole answer).
 */
export function describeRole(role: RoleRecord, withLastUsed = false): XmlObject {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: `arn:aws:iam::${role.accountId}:role${role.path}${role.name}`,
    CreateDate: new Date(role.createdMs),
    AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    RoleLastUsed: withLastUsed ? null : undefined,
  };
}

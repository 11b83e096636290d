/**
 * IAM (awsQuery, global): the role calls the console makes — CreateServiceLinkedRole for log delivery
 * to Firehose, CreateRole/GetRole/PutRolePolicy for a Firehose stream's delivery role, and
 * DeleteRolePolicy/DeleteRole with which a failed creation run takes that role back. Operations
 * return plain data; the core writes awsQuery's XML.
 */
import { randomAlnum } from "../../core/ids.ts";
import { queryOperation } from "../../core/shapes.ts";
import { AwsError, type CallContext, type QueryService, type StatefulService } from "../../core/types.ts";
import {
  AttachRolePolicyRequest,
  assertPolicyJson,
  CreatePolicyRequest,
  CreateRoleRequest,
  CreateServiceLinkedRoleRequest,
  DeleteRolePolicyRequest,
  DeleteRoleRequest,
  DetachRolePolicyRequest,
  describePolicy,
  describeRole,
  GetRoleRequest,
  LINKED_ROLE_NAMES,
  ListAttachedRolePoliciesRequest,
  type ManagedPolicyRecord,
  PutRolePolicyRequest,
  policyArn,
  type RoleRecord,
} from "./model.ts";

export type { RoleRecord } from "./model.ts";

/** IAM as the other modules ask it: STS AssumeRole (the role and its trust policy) and the core (its permissions). */
export interface IamService extends QueryService, StatefulService {
  /** The role of that name in that account, or undefined. */
  role(accountId: string, name: string): RoleRecord | undefined;
  /** The documents of the role's inline policies and attached managed policies ([] for no such role). */
  policyDocuments(accountId: string, roleName: string): string[];
}

export function createIamService(): IamService {
  const roles = new Map<string, RoleRecord>();
  /** Customer managed policies by ARN. */
  const policies = new Map<string, ManagedPolicyRecord>();
  const key = (ctx: CallContext, name: string) => `${ctx.accountId}/${name.toLowerCase()}`;

  function findRole(ctx: CallContext, name: string): RoleRecord {
    const role = roles.get(key(ctx, name));
    if (!role) throw new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
    return role;
  }

  /** Service-linked roles belong to their service: AWS refuses to change them through the role calls. */
  function assertModifiable(role: RoleRecord): void {
    if (role.path.startsWith("/aws-service-role/")) {
      throw new AwsError(
        "UnmodifiableEntity",
        `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`,
      );
    }
  }

  function addRole(ctx: CallContext, role: Omit<RoleRecord, "accountId" | "id" | "createdMs">): RoleRecord {
    const record: RoleRecord = {
      ...role,
      accountId: ctx.accountId,
      id: `AROA${randomAlnum(17).toUpperCase()}`,
      createdMs: ctx.now(),
    };
    roles.set(key(ctx, role.name), record);
    ctx.changed();
    return record;
  }

  return {
    signingName: "iam",
    xmlns: "https://iam.amazonaws.com/doc/2010-05-08/",
    operations: {
      CreateRole: queryOperation(CreateRoleRequest, (input, ctx) => {
        if (roles.has(key(ctx, input.RoleName)))
          throw new AwsError("EntityAlreadyExists", `Role with name ${input.RoleName} already exists.`, 409);
        assertPolicyJson(input.AssumeRolePolicyDocument);
        const role = addRole(ctx, {
          name: input.RoleName,
          path: input.Path ?? "/",
          assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
          ...(input.Description !== undefined ? { description: input.Description } : {}),
          maxSessionDuration: input.MaxSessionDuration ?? 3600,
          inlinePolicies: {},
        });
        return { Role: describeRole(role) };
      }),
      GetRole: queryOperation(GetRoleRequest, (input, ctx) => ({
        Role: describeRole(findRole(ctx, input.RoleName), true),
      })),
      PutRolePolicy: queryOperation(PutRolePolicyRequest, (input, ctx) => {
        const role = findRole(ctx, input.RoleName);
        assertPolicyJson(input.PolicyDocument);
        role.inlinePolicies[input.PolicyName] = input.PolicyDocument;
        ctx.changed();
        return undefined;
      }),
      DeleteRolePolicy: queryOperation(DeleteRolePolicyRequest, (input, ctx) => {
        const role = findRole(ctx, input.RoleName);
        assertModifiable(role);
        if (!Object.hasOwn(role.inlinePolicies, input.PolicyName)) {
          throw new AwsError(
            "NoSuchEntity",
            `The role policy with name ${input.PolicyName} cannot be found.`,
            404,
          );
        }
        delete role.inlinePolicies[input.PolicyName];
        ctx.changed();
        return undefined;
      }),
      DeleteRole: queryOperation(DeleteRoleRequest, (input, ctx) => {
        const role = findRole(ctx, input.RoleName);
        assertModifiable(role);
        // AWS never deletes inline policies along with the role: the caller must remove them first.
        if (Object.keys(role.inlinePolicies).length > 0) {
          throw new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
        }
        if ((role.attachedPolicies ?? []).length > 0) {
          throw new AwsError("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409);
        }
        roles.delete(key(ctx, input.RoleName));
        ctx.changed();
        return undefined;
      }),
      CreatePolicy: queryOperation(CreatePolicyRequest, (input, ctx) => {
        const record: ManagedPolicyRecord = {
          accountId: ctx.accountId,
          name: input.PolicyName,
          path: input.Path ?? "/",
          id: `ANPA${randomAlnum(17).toUpperCase()}`,
          createdMs: ctx.now(),
          document: input.PolicyDocument,
          ...(input.Description !== undefined ? { description: input.Description } : {}),
        };
        const arn = policyArn(record);
        if (policies.has(arn)) {
          throw new AwsError(
            "EntityAlreadyExists",
            `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`,
            409,
          );
        }
        assertPolicyJson(input.PolicyDocument);
        policies.set(arn, record);
        ctx.changed();
        return { Policy: describePolicy(record, 0) };
      }),
      AttachRolePolicy: queryOperation(AttachRolePolicyRequest, (input, ctx) => {
        const role = findRole(ctx, input.RoleName);
        assertModifiable(role);
        if (!policies.has(input.PolicyArn)) {
          throw new AwsError(
            "NoSuchEntity",
            `Policy ${input.PolicyArn} does not exist or is not attachable.`,
            404,
          );
        }
        role.attachedPolicies = [...new Set([...(role.attachedPolicies ?? []), input.PolicyArn])];
        ctx.changed();
        return undefined;
      }),
      DetachRolePolicy: queryOperation(DetachRolePolicyRequest, (input, ctx) => {
        const role = findRole(ctx, input.RoleName);
        if (!(role.attachedPolicies ?? []).includes(input.PolicyArn)) {
          throw new AwsError("NoSuchEntity", `Policy ${input.PolicyArn} was not found.`, 404);
        }
        role.attachedPolicies = (role.attachedPolicies ?? []).filter((a) => a !== input.PolicyArn);
        ctx.changed();
        return undefined;
      }),
      ListAttachedRolePolicies: queryOperation(ListAttachedRolePoliciesRequest, (input, ctx) => ({
        AttachedPolicies: (findRole(ctx, input.RoleName).attachedPolicies ?? []).map((arn) => ({
          PolicyName: policies.get(arn)?.name ?? arn.split("/").at(-1),
          PolicyArn: arn,
        })),
        IsTruncated: false,
      })),
      CreateServiceLinkedRole: queryOperation(CreateServiceLinkedRoleRequest, (input, ctx) => {
        const service = input.AWSServiceName;
        if (!service.endsWith(".amazonaws.com")) {
          throw new AwsError("InvalidInput", `Invalid ServiceName: ${service}`);
        }
        const base =
          LINKED_ROLE_NAMES[service] ??
          `AWSServiceRoleFor${service.split(".")[0]?.replace(/^./, (c) => c.toUpperCase()) ?? "Service"}`;
        const name = input.CustomSuffix ? `${base}_${input.CustomSuffix}` : base;
        if (roles.has(key(ctx, name))) {
          throw new AwsError(
            "InvalidInput",
            `Service role name ${name} has been taken in this account, please try a different suffix.`,
          );
        }
        const role = addRole(ctx, {
          name,
          path: `/aws-service-role/${service}/`,
          assumeRolePolicyDocument: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: [service] }, Action: ["sts:AssumeRole"] }],
          }),
          ...(input.Description !== undefined ? { description: input.Description } : {}),
          maxSessionDuration: 3600,
          inlinePolicies: {},
        });
        return { Role: describeRole(role) };
      }),
    },
    role: (accountId, name) => roles.get(`${accountId}/${name.toLowerCase()}`),
    policyDocuments(accountId, roleName) {
      const role = roles.get(`${accountId}/${roleName.toLowerCase()}`);
      if (!role) return [];
      const attached = (role.attachedPolicies ?? [])
        .map((arn) => policies.get(arn)?.document)
        .filter((d): d is string => d !== undefined);
      return [...Object.values(role.inlinePolicies), ...attached];
    },
    snapshot: () => ({ roles: [...roles.values()], policies: [...policies.values()] }),
    restore(snapshot) {
      const saved = (snapshot as { roles?: unknown } | null)?.roles;
      if (!Array.isArray(saved)) throw new Error("iam snapshot: expected { roles: [...] }");
      const savedPolicies = (snapshot as { policies?: unknown }).policies ?? [];
      if (!Array.isArray(savedPolicies)) throw new Error("iam snapshot: policies must be a list");
      policies.clear();
      for (const p of savedPolicies as ManagedPolicyRecord[]) {
        if (typeof p?.name !== "string" || typeof p.accountId !== "string" || typeof p.document !== "string")
          throw new Error("iam snapshot: a policy lacks name, accountId or document");
        policies.set(policyArn(p), p);
      }
      roles.clear();
      for (const r of saved as RoleRecord[]) {
        if (typeof r?.name !== "string" || typeof r.accountId !== "string")
          throw new Error("iam snapshot: a role lacks name or accountId");
        roles.set(`${r.accountId}/${r.name.toLowerCase()}`, r);
      }
    },
  };
}

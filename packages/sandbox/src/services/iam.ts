/**
 * IAM (awsQuery, global): the role calls the console makes — CreateServiceLinkedRole for log delivery
 * to Firehose, CreateRole/GetRole/PutRolePolicy for a Firehose stream's delivery role, and
 * DeleteRolePolicy/DeleteRole with which a failed creation run takes that role back.
 */
import { randomAlnum } from "../core/ids.ts";
import { int, parseInput, required, str, struct } from "../core/shapes.ts";
import { AwsError, type CallContext, type QueryService, type StatefulService } from "../core/types.ts";
import { xmlElement } from "../core/wire.ts";

interface RoleRecord {
  accountId: string;
  name: string;
  path: string;
  id: string;
  createdMs: number;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  inlinePolicies: Record<string, string>;
}

const NAME = "[\\w+=,.@-]+";
const POLICY_DOCUMENT = str({ min: 1, max: 131072, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+" });
const CreateRoleRequest = struct("CreateRoleRequest", {
  Path: str({ min: 1, max: 512, pattern: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)" }),
  RoleName: required(str({ min: 1, max: 64, pattern: NAME })),
  AssumeRolePolicyDocument: required(POLICY_DOCUMENT),
  Description: str({ max: 1000 }),
  MaxSessionDuration: int({ min: 3600, max: 43200 }),
});
const GetRoleRequest = struct("GetRoleRequest", {
  RoleName: required(str({ min: 1, max: 64, pattern: NAME })),
});
const PutRolePolicyRequest = struct("PutRolePolicyRequest", {
  RoleName: required(str({ min: 1, max: 64, pattern: NAME })),
  PolicyName: required(str({ min: 1, max: 128, pattern: NAME })),
  PolicyDocument: required(POLICY_DOCUMENT),
});
const DeleteRoleRequest = struct("DeleteRoleRequest", {
  RoleName: required(str({ min: 1, max: 64, pattern: NAME })),
});
const DeleteRolePolicyRequest = struct("DeleteRolePolicyRequest", {
  RoleName: required(str({ min: 1, max: 64, pattern: NAME })),
  PolicyName: required(str({ min: 1, max: 128, pattern: NAME })),
});
const CreateServiceLinkedRoleRequest = struct("CreateServiceLinkedRoleRequest", {
  AWSServiceName: required(str({ min: 1, max: 128, pattern: NAME })),
  Description: str({ max: 1000 }),
  CustomSuffix: str({ min: 1, max: 64, pattern: NAME }),
});

/** awsQuery parameters → the flat input object the shapes check. Integers arrive as text. */
function fromParams(params: Map<string, string>, integers: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of params) {
    if (k === "Action" || k === "Version") continue;
    out[k] = integers.includes(k) && /^-?\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

/** Names of the service-linked roles AWS creates, by service principal; others follow AWS's usual pattern. */
const LINKED_ROLE_NAMES: Record<string, string> = {
  "delivery.logs.amazonaws.com": "AWSServiceRoleForLogDelivery",
  "firehose.amazonaws.com": "AWSServiceRoleForAmazonKinesisFirehose",
};

function assertPolicyJson(document: string): void {
  try {
    const parsed: unknown = JSON.parse(document);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return;
  } catch {
    // fall through
  }
  throw new AwsError("MalformedPolicyDocument", "Syntax errors in policy.");
}

export function createIamService(): QueryService & StatefulService {
  const roles = new Map<string, RoleRecord>();
  const key = (ctx: CallContext, name: string) => `${ctx.accountId}/${name.toLowerCase()}`;

  /** A role as IAM describes it; GetRole adds `RoleLastUsed`, empty for a role never used (AWS's GetRole answer). */
  function roleXml(role: RoleRecord, withLastUsed = false): string {
    return `<Role>${xmlElement("Path", role.path)}${xmlElement("RoleName", role.name)}${xmlElement("RoleId", role.id)}${xmlElement(
      "Arn",
      `arn:aws:iam::${role.accountId}:role${role.path}${role.name}`,
    )}${xmlElement("CreateDate", new Date(role.createdMs).toISOString())}${xmlElement(
      "AssumeRolePolicyDocument",
      encodeURIComponent(role.assumeRolePolicyDocument),
    )}${xmlElement("Description", role.description)}${xmlElement("MaxSessionDuration", role.maxSessionDuration)}${withLastUsed ? "<RoleLastUsed/>" : ""}</Role>`;
  }

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
      CreateRole(params, ctx) {
        const input = parseInput<{
          RoleName: string;
          AssumeRolePolicyDocument: string;
          Path?: string;
          Description?: string;
          MaxSessionDuration?: number;
        }>(CreateRoleRequest, fromParams(params, ["MaxSessionDuration"]), "ValidationError");
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
        return roleXml(role);
      },
      GetRole(params, ctx) {
        const input = parseInput<{ RoleName: string }>(GetRoleRequest, fromParams(params), "ValidationError");
        return roleXml(findRole(ctx, input.RoleName), true);
      },
      PutRolePolicy(params, ctx) {
        const input = parseInput<{ RoleName: string; PolicyName: string; PolicyDocument: string }>(
          PutRolePolicyRequest,
          fromParams(params),
          "ValidationError",
        );
        const role = findRole(ctx, input.RoleName);
        assertPolicyJson(input.PolicyDocument);
        role.inlinePolicies[input.PolicyName] = input.PolicyDocument;
        ctx.changed();
        return "";
      },
      DeleteRolePolicy(params, ctx) {
        const input = parseInput<{ RoleName: string; PolicyName: string }>(
          DeleteRolePolicyRequest,
          fromParams(params),
          "ValidationError",
        );
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
        return "";
      },
      DeleteRole(params, ctx) {
        const input = parseInput<{ RoleName: string }>(
          DeleteRoleRequest,
          fromParams(params),
          "ValidationError",
        );
        const role = findRole(ctx, input.RoleName);
        assertModifiable(role);
        // AWS never deletes inline policies along with the role: the caller must remove them first.
        if (Object.keys(role.inlinePolicies).length > 0) {
          throw new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
        }
        roles.delete(key(ctx, input.RoleName));
        ctx.changed();
        return "";
      },
      CreateServiceLinkedRole(params, ctx) {
        const input = parseInput<{ AWSServiceName: string; Description?: string; CustomSuffix?: string }>(
          CreateServiceLinkedRoleRequest,
          fromParams(params),
          "ValidationError",
        );
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
        return roleXml(role);
      },
    },
    snapshot: () => ({ roles: [...roles.values()] }),
    restore(snapshot) {
      const saved = (snapshot as { roles?: unknown } | null)?.roles;
      if (!Array.isArray(saved)) throw new Error("iam snapshot: expected { roles: [...] }");
      roles.clear();
      for (const r of saved as RoleRecord[]) {
        if (typeof r?.name !== "string" || typeof r.accountId !== "string")
          throw new Error("iam snapshot: a role lacks name or accountId");
        roles.set(`${r.accountId}/${r.name.toLowerCase()}`, r);
      }
    },
  };
}

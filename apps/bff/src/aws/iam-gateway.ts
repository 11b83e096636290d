/**
 * IAM: the role Firehose assumes to write to S3, which destination creation makes and cleans up.
 * IAM is global (one client, clients.ts). Writes are sent once; creation's "already exists" and
 * cleanup's "already gone" are outcomes, not errors.
 */
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { z } from "zod";
import { createSend, orOnCode, outcomeOf, tagList } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

const RoleAnswerSchema = z.object({
  Role: z.object({ Arn: z.string(), AssumeRolePolicyDocument: z.string().nullish() }),
});

/** IAM's "no such role or policy", as the query protocol and the SDK name it. */
const NO_SUCH_ENTITY = ["NoSuchEntity", "NoSuchEntityException"];

export interface RoleFacts {
  arn: string;
  /** The trust policy as JSON text (IAM answers it URL-encoded; decoded here). */
  assumeRolePolicyDocument: string;
}

/**
 * Every call takes the user request's deadline; without one (background work, such as a creation
 * run's steps) each call gets the clients' background budget of its own.
 */
export interface IamGateway {
  /** GetRole; null when there is no such role. */
  getRole(name: string, deadline?: Deadline): Promise<RoleFacts | null>;
  /** CreateRole with its trust policy; "exists": EntityAlreadyExists. */
  createRole(
    role: { name: string; trustPolicy: string; description: string; tags: Record<string, string> },
    deadline?: Deadline,
  ): Promise<RoleFacts | "exists">;
  /** PutRolePolicy: creates or replaces the role's inline policy of that name. */
  putRolePolicy(roleName: string, policyName: string, document: string, deadline?: Deadline): Promise<void>;
  deleteRolePolicy(roleName: string, policyName: string, deadline?: Deadline): Promise<"deleted" | "missing">;
  /** DeleteRole; "missing": NoSuchEntity. A role that still has policies is AWS's DeleteConflict. */
  deleteRole(name: string, deadline?: Deadline): Promise<"deleted" | "missing">;
}

/** IAM answers the trust policy URL-encoded. */
function decodePolicy(text: string | null | undefined): string {
  if (!text) return "";
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function createIamGateway(clients: AwsClients): IamGateway {
  const send = createSend(clients.backgroundCallBudgetMs);
  return {
    getRole(name, deadline) {
      const command = new GetRoleCommand({ RoleName: name });
      const sent = send("iam.GetRole", clients.iam("read"), command, deadline, RoleAnswerSchema);
      const role = sent.then(({ answer }) => ({
        arn: answer.Role.Arn,
        assumeRolePolicyDocument: decodePolicy(answer.Role.AssumeRolePolicyDocument),
      }));
      return orOnCode(role, NO_SUCH_ENTITY, null);
    },

    createRole(role, deadline) {
      const command = new CreateRoleCommand({
        RoleName: role.name,
        AssumeRolePolicyDocument: role.trustPolicy,
        Description: role.description,
        Tags: tagList(role.tags),
      });
      const sent = send("iam.CreateRole", clients.iam("write"), command, deadline, RoleAnswerSchema);
      const created = sent.then(({ answer }) => ({
        arn: answer.Role.Arn,
        assumeRolePolicyDocument: role.trustPolicy,
      }));
      return orOnCode(created, ["EntityAlreadyExists", "EntityAlreadyExistsException"], "exists" as const);
    },

    async putRolePolicy(roleName, policyName, document, deadline) {
      const command = new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: policyName,
        PolicyDocument: document,
      });
      await send("iam.PutRolePolicy", clients.iam("write"), command, deadline);
    },

    deleteRolePolicy(roleName, policyName, deadline) {
      const command = new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName });
      const sent = send("iam.DeleteRolePolicy", clients.iam("write"), command, deadline);
      return outcomeOf(sent, "deleted", NO_SUCH_ENTITY, "missing");
    },

    deleteRole(name, deadline) {
      const sent = send(
        "iam.DeleteRole",
        clients.iam("write"),
        new DeleteRoleCommand({ RoleName: name }),
        deadline,
      );
      return outcomeOf(sent, "deleted", NO_SUCH_ENTITY, "missing");
    },
  };
}

/**
 * IAM role removal as the console's cleanup does it (DeleteRolePolicy, then DeleteRole), with the
 * real SDK over HTTP, and AWS's refusals: a missing role or policy, a role that still has inline
 * policies, a service-linked role.
 */
import {
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { useSandbox } from "./support/aws.ts";

const env = useSandbox();

const trust = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});
const writePolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" }],
});

async function roleWithPolicy(name: string, policyName = "write"): Promise<void> {
  await env.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  await env.iam.send(
    new PutRolePolicyCommand({ RoleName: name, PolicyName: policyName, PolicyDocument: writePolicy }),
  );
}

describe("DeleteRolePolicy and DeleteRole", () => {
  it("remove an inline policy, then the role, which is then gone", async () => {
    await roleWithPolicy("cleanup-role");
    await env.iam.send(new DeleteRolePolicyCommand({ RoleName: "cleanup-role", PolicyName: "write" }));
    await env.iam.send(new DeleteRoleCommand({ RoleName: "cleanup-role" }));
    await expect(env.iam.send(new GetRoleCommand({ RoleName: "cleanup-role" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
      $metadata: { httpStatusCode: 404 },
    });
    // The name is free again.
    await env.iam.send(new CreateRoleCommand({ RoleName: "cleanup-role", AssumeRolePolicyDocument: trust }));
    await env.iam.send(new DeleteRoleCommand({ RoleName: "cleanup-role" }));
    expect(env.sandbox.calls().byOperation).toMatchObject({ "iam:DeleteRole": 2, "iam:DeleteRolePolicy": 1 });
  });

  it("refuse a role that still has inline policies with DeleteConflict 409, keeping the role", async () => {
    await roleWithPolicy("conflicted");
    await expect(env.iam.send(new DeleteRoleCommand({ RoleName: "conflicted" }))).rejects.toMatchObject({
      name: "DeleteConflictException",
      message: "Cannot delete entity, must delete policies first.",
      $metadata: { httpStatusCode: 409 },
    });
    await expect(env.iam.send(new GetRoleCommand({ RoleName: "conflicted" }))).resolves.toBeTruthy();
  });

  it("answer NoSuchEntity 404 for a missing role or policy, naming it", async () => {
    await expect(env.iam.send(new DeleteRoleCommand({ RoleName: "never-was" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: "The role with name never-was cannot be found.",
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      env.iam.send(new DeleteRolePolicyCommand({ RoleName: "never-was", PolicyName: "write" })),
    ).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: "The role with name never-was cannot be found.",
    });
    await roleWithPolicy("has-one-policy");
    await expect(
      env.iam.send(new DeleteRolePolicyCommand({ RoleName: "has-one-policy", PolicyName: "other" })),
    ).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: "The role policy with name other cannot be found.",
      $metadata: { httpStatusCode: 404 },
    });
    // Deleting twice: the second finds nothing.
    await env.iam.send(new DeleteRolePolicyCommand({ RoleName: "has-one-policy", PolicyName: "write" }));
    await expect(
      env.iam.send(new DeleteRolePolicyCommand({ RoleName: "has-one-policy", PolicyName: "write" })),
    ).rejects.toMatchObject({ name: "NoSuchEntityException" });
  });

  it("validate names like the other role calls", async () => {
    await expect(env.iam.send(new DeleteRoleCommand({ RoleName: "bad name" }))).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringContaining("at 'roleName' failed to satisfy constraint"),
    });
  });

  it("leave a service-linked role alone: only AWS may remove it", async () => {
    const linked = await env.iam.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: "delivery.logs.amazonaws.com" }),
    );
    const name = linked.Role?.RoleName ?? "";
    await expect(env.iam.send(new DeleteRoleCommand({ RoleName: name }))).rejects.toMatchObject({
      name: "UnmodifiableEntityException",
      message: `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`,
      $metadata: { httpStatusCode: 400 },
    });
    await expect(env.iam.send(new GetRoleCommand({ RoleName: name }))).resolves.toBeTruthy();
  });
});

describe("answer shapes AWS gives (issue 12 §4, compared with the API model and moto)", () => {
  it("GetRole carries an empty RoleLastUsed for a role never used; CreateRole does not", async () => {
    const created = await env.iam.send(
      new CreateRoleCommand({ RoleName: "shape-last-used", AssumeRolePolicyDocument: trust }),
    );
    expect(created.Role).not.toHaveProperty("RoleLastUsed");
    const got = await env.iam.send(new GetRoleCommand({ RoleName: "shape-last-used" }));
    expect(got.Role?.RoleLastUsed).toEqual({});
  });
});

describe("CreateRole input as the IAM model constrains it (botocore iam/2010-05-08)", () => {
  it("reads MaxSessionDuration as an integer and refuses one under an hour", async () => {
    const created = await env.iam.send(
      new CreateRoleCommand({
        RoleName: "long-session",
        AssumeRolePolicyDocument: trust,
        MaxSessionDuration: 7200,
      }),
    );
    expect(created.Role?.MaxSessionDuration).toBe(7200);
    await expect(
      env.iam.send(
        new CreateRoleCommand({
          RoleName: "short-session",
          AssumeRolePolicyDocument: trust,
          MaxSessionDuration: 60,
        }),
      ),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message:
        "1 validation error detected: Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    });
  });

  it("refuses a description outside roleDescriptionType's characters (Latin-1 printable, tab, newline)", async () => {
    await expect(
      env.iam.send(
        new CreateRoleCommand({
          RoleName: "euro-role",
          AssumeRolePolicyDocument: trust,
          Description: "costs 5 €",
        }),
      ),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message:
        "1 validation error detected: Value 'costs 5 €' at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*",
    });
    await expect(
      env.iam.send(
        new CreateServiceLinkedRoleCommand({
          AWSServiceName: "firehose.amazonaws.com",
          Description: "costs 5 €",
        }),
      ),
    ).rejects.toMatchObject({ name: "ValidationError" });
    const latin = await env.iam.send(
      new CreateRoleCommand({
        RoleName: "latin-role",
        AssumeRolePolicyDocument: trust,
        Description: "café\tß",
      }),
    );
    expect(latin.Role?.Description).toBe("café\tß");
  });
});

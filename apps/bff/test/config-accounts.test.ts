import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

function issues(env: Record<string, string>): Array<{ variable: string; message: string }> {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error("expected a ConfigError");
}

const AWS = { AWS_PROFILE: "ops", AWS_REGION: "us-east-1" };

describe("accounts configuration", () => {
  it("reads the console's own account in aws mode unless told otherwise", () => {
    expect(loadConfig(AWS).accounts).toEqual({ kind: "own" });
  });

  it("discovers the demo organization in sandbox mode, falling back to the own account quietly", () => {
    expect(loadConfig({}).accounts).toEqual({
      kind: "organization",
      roleName: "CognitoLogConsoleRole",
      externalId: null,
      fallbackToOwn: true,
    });
    expect(loadConfig({ CLC_ACCOUNTS: "own" }).accounts).toEqual({ kind: "own" });
  });

  it("discovers through Organizations with a role name (and path) and an external id", () => {
    expect(
      loadConfig({ ...AWS, CLC_ORGANIZATION_ROLE_NAME: "ops/Reader", CLC_ORGANIZATION_EXTERNAL_ID: "ext-1" })
        .accounts,
    ).toEqual({ kind: "organization", roleName: "ops/Reader", externalId: "ext-1", fallbackToOwn: false });
    expect(issues({ ...AWS, CLC_ORGANIZATION_ROLE_NAME: "bad name!" })[0]?.variable).toBe(
      "CLC_ORGANIZATION_ROLE_NAME",
    );
    expect(issues({ ...AWS, CLC_ACCOUNTS: "organization" })[0]?.message).toContain("role to assume");
  });

  it("reads a list of role ARNs with optional external ids after #", () => {
    const config = loadConfig({
      ...AWS,
      CLC_ACCOUNT_ROLES:
        "arn:aws:iam::111122223333:role/CognitoLogConsoleRole#ext-id:1, arn:aws:iam::444455556666:role/ops/Reader",
    });
    expect(config.accounts).toEqual({
      kind: "list",
      roles: [
        {
          roleArn: "arn:aws:iam::111122223333:role/CognitoLogConsoleRole",
          accountId: "111122223333",
          externalId: "ext-id:1",
        },
        { roleArn: "arn:aws:iam::444455556666:role/ops/Reader", accountId: "444455556666", externalId: null },
      ],
    });
  });

  it("names each wrong entry of the list, and never repeats an external id", () => {
    const found = issues({
      ...AWS,
      CLC_ACCOUNT_ROLES:
        "arn:aws:iam::1111:role/X,arn:aws:iam::111122223333:role/X#a b secret,arn:aws:iam::222233334444:role/Y,arn:aws:iam::222233334444:role/Z",
    });
    expect(found.map((i) => i.variable)).toEqual([
      "CLC_ACCOUNT_ROLES",
      "CLC_ACCOUNT_ROLES",
      "CLC_ACCOUNT_ROLES",
    ]);
    expect(found[0]?.message).toContain("entry 1");
    expect(found[1]?.message).toContain("external id of entry 2");
    expect(found[1]?.message).not.toContain("secret");
    expect(found[2]?.message).toContain("222233334444 is listed twice");
    expect(issues({ ...AWS, CLC_ORGANIZATION_EXTERNAL_ID: "x" })[0]?.message).not.toContain('"x"');
  });

  it("refuses settings that contradict each other", () => {
    expect(
      issues({
        ...AWS,
        CLC_ACCOUNT_ROLES: "arn:aws:iam::111122223333:role/X",
        CLC_ORGANIZATION_ROLE_NAME: "Y",
      }).map((i) => i.variable),
    ).toEqual(["CLC_ORGANIZATION_ROLE_NAME"]);
    expect(
      issues({ ...AWS, CLC_ACCOUNTS: "own", CLC_ACCOUNT_ROLES: "arn:aws:iam::111122223333:role/X" })[0]
        ?.variable,
    ).toBe("CLC_ACCOUNT_ROLES");
    expect(issues({ ...AWS, CLC_ACCOUNTS: "list" })[0]?.variable).toBe("CLC_ACCOUNT_ROLES");
    expect(issues({ ...AWS, CLC_ACCOUNTS: "all" })[0]?.variable).toBe("CLC_ACCOUNTS");
  });
});

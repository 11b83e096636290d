/**
 * AWS Organizations, account:ListRegions and the organization seeds over HTTP with the real SDK v3
 * clients (issue 14). The Organizations client is pointed at the sandbox from another region than
 * us-east-1 too: organizations is a global service and must answer whatever region signs.
 */
import { AccountClient, GetRegionOptStatusCommand, ListRegionsCommand } from "@aws-sdk/client-account";
import { ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { GetRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import {
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from "@aws-sdk/client-organizations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MEMBERS, type RunningSandbox, startSandbox } from "../src/index.ts";
import { type AwsCredentials, clientConfig, sdkClients } from "../test-support/clients.ts";
import { assume, clientsAs, failure, ROLE } from "./support/org.ts";

const MANAGEMENT = "123456789012";
const organizations = (endpoint: string, region = "us-east-1", credentials?: AwsCredentials) =>
  new OrganizationsClient(clientConfig(endpoint, region, credentials));
const account = (endpoint: string, credentials?: AwsCredentials) =>
  new AccountClient(clientConfig(endpoint, "us-east-1", credentials));

describe("the demo organization", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "demo" });
  });
  afterAll(() => sandbox.close());

  it("lists every account, ACTIVE and SUSPENDED, 2 to a page with NextToken, to an SDK client signed for eu-west-1", async () => {
    const client = organizations(sandbox.endpoint, "eu-west-1");
    const first = await client.send(new ListAccountsCommand({ MaxResults: 2 }));
    expect(first.Accounts).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const all = [];
    for await (const page of paginateListAccounts({ client, pageSize: 2 }, {}))
      all.push(...(page.Accounts ?? []));
    expect(all.map((a) => [a.Id, a.Name, a.Status])).toEqual([
      [MANAGEMENT, "acme-management", "ACTIVE"],
      ["111111111111", "acme-payments", "ACTIVE"],
      ["222222222222", "acme-identity", "ACTIVE"],
      ["333333333333", "acme-playground", "ACTIVE"],
      ["444444444444", "acme-data-lake", "ACTIVE"],
      ["555555555555", "acme-old-marketing", "SUSPENDED"],
    ]);
    const org = (await client.send(new DescribeOrganizationCommand({}))).Organization;
    expect(all[1]?.Arn).toBe(`arn:aws:organizations::${MANAGEMENT}:account/${org?.Id}/111111111111`);
    expect(org).toMatchObject({ MasterAccountId: MANAGEMENT, FeatureSet: "ALL" });
    expect(org?.Id).toMatch(/^o-[a-z0-9]{10}$/);
  });

  it("walks the OU tree: Root → Production → {payments, identity}, Root → Sandbox → {playground}", async () => {
    const client = organizations(sandbox.endpoint);
    const roots = (await client.send(new ListRootsCommand({}))).Roots ?? [];
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ Name: "Root", PolicyTypes: [] });
    expect(roots[0]?.Id).toMatch(/^r-[0-9a-z]{4}$/);
    const ous =
      (await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: roots[0]?.Id })))
        .OrganizationalUnits ?? [];
    expect(ous.map((o) => o.Name)).toEqual(["Production", "Sandbox"]);
    const production = ous[0]?.Id ?? "";
    expect(production).toMatch(/^ou-[0-9a-z]{4}-[a-z0-9]{8}$/);
    expect(
      (await client.send(new ListParentsCommand({ ChildId: DEMO_MEMBERS.payments.id }))).Parents,
    ).toEqual([{ Id: production, Type: "ORGANIZATIONAL_UNIT" }]);
    expect(
      (await client.send(new ListParentsCommand({ ChildId: DEMO_MEMBERS.dataLake.id }))).Parents,
    ).toEqual([{ Id: roots[0]?.Id, Type: "ROOT" }]);
    expect((await client.send(new ListParentsCommand({ ChildId: production }))).Parents?.[0]?.Type).toBe(
      "ROOT",
    );
    expect(
      (await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: production })))
        .OrganizationalUnit?.Name,
    ).toBe("Production");
    expect(await failure(client.send(new ListParentsCommand({ ChildId: "999999999999" })))).toMatchObject({
      name: "ChildNotFoundException",
    });
    expect(await failure(client.send(new ListAccountsCommand({ MaxResults: 21 })))).toMatchObject({
      name: "InvalidInputException",
      message:
        "1 validation error detected: Value '21' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20",
    });
  });

  it("answers a member account AccessDeniedException, except DescribeOrganization", async () => {
    const session = await assume(sandbox.endpoint, DEMO_MEMBERS.playground.id, { session: "orgs" });
    const client = organizations(sandbox.endpoint, "us-east-1", session);
    // The console's role has no organizations:* rights: IAM refuses first.
    expect(await failure(client.send(new ListAccountsCommand({})))).toMatchObject({
      name: "AccessDeniedException",
      message: `User: arn:aws:sts::${DEMO_MEMBERS.playground.id}:assumed-role/${ROLE}/orgs is not authorized to perform: organizations:ListAccounts on resource: * because no identity-based policy allows the organizations:ListAccounts action`,
    });
    await clientsAs(sandbox.endpoint, session).iam.send(
      new PutRolePolicyCommand({
        RoleName: ROLE,
        PolicyName: "Organizations",
        PolicyDocument: JSON.stringify({
          Statement: [{ Effect: "Allow", Action: "organizations:*", Resource: "*" }],
        }),
      }),
    );
    // With them, Organizations itself refuses a member account.
    expect(await failure(client.send(new ListAccountsCommand({})))).toEqual({
      name: "AccessDeniedException",
      status: 400,
      message: "You don't have permissions to access this resource.",
    });
    expect((await client.send(new DescribeOrganizationCommand({}))).Organization?.MasterAccountId).toBe(
      MANAGEMENT,
    );
  });

  it("has the role in each active member but acme-data-lake, where AssumeRole is denied", async () => {
    for (const member of [DEMO_MEMBERS.payments, DEMO_MEMBERS.identity, DEMO_MEMBERS.playground]) {
      const session = clientsAs(sandbox.endpoint, await assume(sandbox.endpoint, member.id));
      expect((await session.iam.send(new GetRoleCommand({ RoleName: ROLE }))).Role?.Arn).toBe(
        `arn:aws:iam::${member.id}:role/${ROLE}`,
      );
    }
    expect(await failure(assume(sandbox.endpoint, DEMO_MEMBERS.dataLake.id))).toMatchObject({
      name: "AccessDenied",
    });
    // Pools are there all the same (the management account cannot see them without the role).
    expect(sandbox.organization()?.accounts.find((a) => a.id === DEMO_MEMBERS.dataLake.id)?.ouPath).toBe(
      "Root",
    );
  });

  it("lists regions: opt-in eu-south-1 ENABLED for the management account, DISABLED for acme-playground (by AccountId)", async () => {
    const client = account(sandbox.endpoint);
    const own = (await client.send(new ListRegionsCommand({ MaxResults: 50 }))).Regions ?? [];
    expect(own.find((r) => r.RegionName === "eu-south-1")?.RegionOptStatus).toBe("ENABLED");
    expect(own.find((r) => r.RegionName === "us-east-1")?.RegionOptStatus).toBe("ENABLED_BY_DEFAULT");
    expect(own.find((r) => r.RegionName === "me-south-1")?.RegionOptStatus).toBe("DISABLED");

    const playground = DEMO_MEMBERS.playground.id;
    const enabled = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListRegionsCommand({
          AccountId: playground,
          RegionOptStatusContains: ["ENABLED", "ENABLED_BY_DEFAULT"],
          MaxResults: 5,
          ...(token ? { NextToken: token } : {}),
        }),
      );
      enabled.push(...(page.Regions ?? []).map((r) => r.RegionName));
      token = page.NextToken;
    } while (token);
    expect(enabled).toContain("us-east-1");
    expect(enabled).toContain("eu-west-1");
    expect(enabled).not.toContain("eu-south-1");
    expect(
      (await client.send(new GetRegionOptStatusCommand({ AccountId: playground, RegionName: "eu-south-1" })))
        .RegionOptStatus,
    ).toBe("DISABLED");

    // A member may not ask about another account.
    const member = account(sandbox.endpoint, await assume(sandbox.endpoint, DEMO_MEMBERS.payments.id));
    expect(await failure(member.send(new ListRegionsCommand({ AccountId: playground })))).toMatchObject({
      name: "AccessDeniedException",
      status: 403,
    });
  });
});

describe("without an organization (seed none)", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "none" });
  });
  afterAll(() => sandbox.close());

  it("answers AWSOrganizationsNotInUseException", async () => {
    const client = organizations(sandbox.endpoint);
    for (const command of [new ListAccountsCommand({}), new DescribeOrganizationCommand({})]) {
      expect(await failure(client.send(command as ListAccountsCommand))).toEqual({
        name: "AWSOrganizationsNotInUseException",
        status: 400,
        message: "Your account is not a member of an organization.",
      });
    }
    expect(sandbox.organization()).toBeUndefined();
  });
});

describe("--seed org:3x2", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "org:3x2" });
  });
  afterAll(() => sandbox.close());

  it("makes three members alternating between Production and Development, each with the role and 2 pools per region", async () => {
    expect(sandbox.organization()?.accounts.map((a) => [a.id, a.name, a.ouPath])).toEqual([
      [MANAGEMENT, "management", "Root"],
      ["200000000001", "member-001", "Root/Production"],
      ["200000000002", "member-002", "Root/Development"],
      ["200000000003", "member-003", "Root/Production"],
    ]);
    for (const id of ["200000000001", "200000000003"]) {
      for (const region of ["us-east-1", "eu-west-1"]) {
        const session = clientsAs(sandbox.endpoint, await assume(sandbox.endpoint, id), region);
        const pools =
          (await session.cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? [];
        expect(pools.map((p) => p.Name).sort()).toEqual([
          `m${id.slice(-3)}-00001-web`,
          `m${id.slice(-3)}-00002-mobile`,
        ]);
      }
    }
    // The management account holds no pools of its own in this seed.
    expect(
      (await sdkClients(sandbox.endpoint).cognito.send(new ListUserPoolsCommand({ MaxResults: 60 })))
        .UserPools,
    ).toEqual([]);
  });
});

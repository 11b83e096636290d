/**
 * Export as code and findings reports over HTTP, BFF → SDK → sandbox: each format, read back with
 * the tool that will read it (HCL parser, JSON, a shell's word splitting), carries exactly what
 * GetLogDeliveryConfiguration answers for the pool; the findings export as CSV, JSON and ASFF.
 */
import { GetLogDeliveryConfigurationCommand } from "@aws-sdk/client-cognito-identity-provider";
import { ASFF_REQUIRED_ATTRIBUTES } from "@clc/domain";
import { parse as parseShell } from "shell-quote";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createLogGroup,
  createPool,
  createStream,
  type Stack,
  sandboxCognito,
  setLogDelivery,
  startStack,
  waitForFleet,
} from "./helpers.ts";

const REGION = "us-east-1";

/**
 * HashiCorp's HCL parser (WebAssembly). Imported by a computed name: its typings reference the DOM
 * library, whose `fetch` types would then clash with Node's in the rest of the BFF's tests.
 */
const HCL2JSON: string = "@cdktf/hcl2json";
const { parse: parseHcl } = (await import(HCL2JSON)) as {
  parse(filename: string, content: string): Promise<unknown>;
};

/** AWS's list as a set keyed by event source: `source → level + destination member=ARN`. */
function asSet(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of (list as Array<Record<string, unknown> | null>) ?? []) {
    if (!entry) continue;
    const [member, value] = Object.entries(entry).find(([key]) => key.endsWith("Configuration")) ?? [];
    out[String(entry.EventSource)] =
      `${entry.LogLevel} ${member}=${Object.values((value ?? {}) as Record<string, string>)[0]}`;
  }
  return out;
}

const TF_MEMBERS: Record<string, [string, string]> = {
  cloud_watch_logs_configuration: ["CloudWatchLogsConfiguration", "log_group_arn"],
  firehose_configuration: ["FirehoseConfiguration", "stream_arn"],
  s3_configuration: ["S3Configuration", "bucket_arn"],
};

/** A parsed resource's blocks back in AWS's shape. */
function fromTerraform(resource: Record<string, unknown>): unknown[] {
  return ((resource.log_configurations as Array<Record<string, unknown>>) ?? []).map((block) => {
    const entry: Record<string, unknown> = { EventSource: block.event_source, LogLevel: block.log_level };
    for (const [key, [member, argument]] of Object.entries(TF_MEMBERS)) {
      const inner = (block[key] as Array<Record<string, string>> | undefined)?.[0];
      if (inner) entry[member] = { [argument]: inner[argument] };
    }
    return entry;
  });
}

describe("export as code and findings reports", () => {
  let stack: Stack;
  let account: string;
  let shop: string;
  let quiet: string;
  let shopTwin: string;

  beforeAll(async () => {
    stack = await startStack({ seed: "none" });
    const { sandbox } = stack;
    account = sandbox.accountId;
    shop = await createPool(sandbox, REGION, "shop", "PLUS");
    shopTwin = await createPool(sandbox, REGION, "shop", "PLUS");
    quiet = await createPool(sandbox, REGION, "quiet", "ESSENTIALS");
    const group = await createLogGroup(sandbox, REGION, "/aws/vendedlogs/cognito/shop/notifications");
    const stream = await createStream(sandbox, REGION, "shop-activity", true);
    // Sent userAuthEvents first: what Get answers decides the export, not the order of the Set.
    await setLogDelivery(sandbox, REGION, shop, [
      { EventSource: "userAuthEvents", LogLevel: "INFO", FirehoseConfiguration: { StreamArn: stream } },
      {
        EventSource: "userNotification",
        LogLevel: "ERROR",
        CloudWatchLogsConfiguration: { LogGroupArn: group },
      },
    ]);
    await setLogDelivery(sandbox, REGION, shopTwin, [
      {
        EventSource: "userNotification",
        LogLevel: "ERROR",
        CloudWatchLogsConfiguration: { LogGroupArn: group },
      },
    ]);
    await stack.call("POST", "/api/fleet/refresh");
    await waitForFleet(stack);
  }, 60_000);
  afterAll(async () => stack?.close());

  async function awsHas(poolId: string): Promise<unknown> {
    const client = sandboxCognito(stack.sandbox, REGION);
    const answer = await client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
    client.destroy();
    return answer.LogDeliveryConfiguration?.LogConfigurations ?? [];
  }

  const exportUrl = (poolId: string, format: string) =>
    `/api/accounts/${account}/pools/${poolId}/export?format=${format}`;

  it("Terraform: one resource with both event sources and an import block, exactly what Get answers", async () => {
    const answer = await stack.call("GET", exportUrl(shop, "terraform"));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      format: "terraform",
      filename: `cognito-log-delivery-${shop}.tf`,
      pools: 1,
    });
    const hcl = (await parseHcl("main.tf", answer.json.content)) as {
      resource: Record<string, Record<string, Array<Record<string, unknown>>>>;
      import: Array<Record<string, string>>;
    };
    const resources = Object.values(hcl.resource.aws_cognito_log_delivery_configuration ?? {});
    expect(resources).toHaveLength(1);
    const [resource] = resources[0] ?? [];
    expect(resource?.user_pool_id).toBe(shop);
    expect(asSet(fromTerraform(resource ?? {}))).toEqual(asSet(await awsHas(shop)));
    expect(Object.keys(asSet(await awsHas(shop))).sort()).toEqual(["userAuthEvents", "userNotification"]);
    expect(hcl.import).toEqual([expect.objectContaining({ id: shop })]);
    expect(answer.json.content).not.toMatch(/:\*"/);
  });

  it("CloudFormation: the template's resource carries exactly what Get answers", async () => {
    const answer = await stack.call("GET", exportUrl(shop, "cloudformation"));
    expect(answer.status).toBe(200);
    const template = JSON.parse(answer.json.content);
    const [resource] = Object.values(template.Resources) as Array<{
      Type: string;
      Properties: { UserPoolId: string; LogConfigurations: unknown[] };
    }>;
    expect(resource?.Type).toBe("AWS::Cognito::LogDeliveryConfiguration");
    expect(resource?.Properties.UserPoolId).toBe(shop);
    expect(asSet(resource?.Properties.LogConfigurations)).toEqual(asSet(await awsHas(shop)));
  });

  it("AWS CLI: the command splits as a shell splits it, and its JSON is what Get answers", async () => {
    const answer = await stack.call("GET", exportUrl(shop, "cli"));
    const line = (answer.json.content as string)
      .replaceAll("\\\n", " ")
      .split("\n")
      .find((l) => l.startsWith("aws "));
    const words = parseShell(line ?? "") as string[];
    expect(words.slice(0, 3)).toEqual(["aws", "cognito-idp", "set-log-delivery-configuration"]);
    expect(words[words.indexOf("--user-pool-id") + 1]).toBe(shop);
    const list = JSON.parse(words[words.indexOf("--log-configurations") + 1] ?? "");
    expect(asSet(list)).toEqual(asSet(await awsHas(shop)));
  });

  it("a selection is one file, one resource per pool, unique names; by filters too", async () => {
    const named = await stack.call("POST", "/api/pools/export?format=terraform", {
      body: {
        pools: [
          { accountId: account, poolId: shop },
          { accountId: account, poolId: shopTwin },
        ],
      },
    });
    expect(named.status).toBe(200);
    const hcl = (await parseHcl("main.tf", named.json.content)) as {
      resource: Record<string, Record<string, Array<Record<string, unknown>>>>;
    };
    const resources = hcl.resource.aws_cognito_log_delivery_configuration ?? {};
    expect(Object.keys(resources)).toEqual(["shop", "shop_2"]);
    for (const [body] of Object.values(resources)) {
      expect(asSet(fromTerraform(body ?? {}))).toEqual(asSet(await awsHas(String(body?.user_pool_id))));
    }

    const filtered = await stack.call("POST", "/api/pools/export?format=cloudformation", {
      body: { filters: { q: "shop" } },
    });
    expect(filtered.status).toBe(200);
    expect(filtered.json.pools).toBe(2);
    const everything = await stack.call("POST", "/api/pools/export?format=cli", { body: { filters: {} } });
    expect(everything.json.pools).toBe(3);
    // The pool that exports nothing is exported as what it has: an empty list.
    expect(everything.json.content).toContain(`--user-pool-id ${quiet} \\\n  --log-configurations '[]'`);
  });

  it("refuses what cannot be exported in the user's terms", async () => {
    const missing = await stack.call("GET", exportUrl("us-east-1_Nope0000", "terraform"));
    expect(missing.status).toBe(404);
    const badFormat = await stack.call("GET", exportUrl(shop, "pulumi"));
    expect(badFormat.status).toBe(400);
    const nothing = await stack.call("POST", "/api/pools/export?format=cli", {
      body: { filters: { q: "zzz" } },
    });
    expect(nothing.status).toBe(400);
    expect(nothing.json.title).toBe("No pool matches these filters");
    const neither = await stack.call("POST", "/api/pools/export?format=cli", { body: {} });
    expect(neither.status).toBe(400);
    expect(JSON.stringify(neither.json.errors)).toMatch(/one of the two/);
  });

  it("exports the fleet's findings as CSV, JSON and ASFF with every required attribute", async () => {
    // The shop pool sends user activity while threat protection is off: a warning.
    const csv = await stack.call("GET", "/api/fleet/findings/export?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(
      /attachment; filename="cognito-log-findings-\d{8}T\d{6}Z\.csv"/,
    );
    expect(csv.text).toMatch(
      new RegExp(`\\r\\n${account},${account},us-east-1,${shop},shop,[^,]+,threat-protection-off,warn`),
    );

    const json = await stack.call("GET", `/api/fleet/findings/export?format=json&q=${shop}`);
    expect(json.json.map((f: { poolId: string }) => f.poolId)).toEqual(expect.arrayContaining([shop]));
    expect(json.json.every((f: { poolId: string }) => f.poolId === shop)).toBe(true);

    const asff = await stack.call("GET", "/api/fleet/findings/export?format=asff");
    expect(asff.headers.get("content-disposition")).toMatch(/\.asff\.json"/);
    const threat = asff.json.find(
      (f: { GeneratorId: string }) => f.GeneratorId === "cognito-log-console/threat-protection-off",
    );
    for (const attribute of ASFF_REQUIRED_ATTRIBUTES) expect(threat).toHaveProperty(attribute);
    expect(threat).toMatchObject({
      SchemaVersion: "2018-10-08",
      AwsAccountId: account,
      Resources: [
        { Type: "Other", Id: `arn:aws:cognito-idp:${REGION}:${account}:userpool/${shop}`, Region: REGION },
      ],
    });
    const bad = await stack.call("GET", "/api/fleet/findings/export?format=xml");
    expect(bad.status).toBe(400);
  });
});

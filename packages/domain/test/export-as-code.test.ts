/**
 * Export as code, checked by the tools that will read it, not by eye: the Terraform is parsed with
 * HashiCorp's HCL parser (@cdktf/hcl2json, the hcl library compiled to WebAssembly), the
 * CloudFormation is validated against the resource's registry schema, the CLI command is split as a
 * shell splits it (shell-quote) and its JSON parsed back; each must carry exactly the configuration
 * AWS holds.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse as parseHcl } from "@cdktf/hcl2json";
import {
  CodeExportSelectionSchema,
  type cloudFormationFor,
  exportAsCode,
  fromAwsLogConfigurations,
  type PoolLogDeliverySource,
} from "@clc/domain";
import { parse as parseShell } from "shell-quote";
import { describe, expect, it } from "vitest";

const ACCOUNT = "111122223333";
const OTHER_ACCOUNT = "444455556666";

/** LogConfigurations as GetLogDeliveryConfiguration answers them (order as AWS chose it). */
const BOTH = [
  {
    EventSource: "userAuthEvents",
    LogLevel: "INFO",
    FirehoseConfiguration: {
      StreamArn: "arn:aws:firehose:us-east-1:111122223333:deliverystream/activity-stream",
    },
  },
  {
    EventSource: "userNotification",
    LogLevel: "ERROR",
    CloudWatchLogsConfiguration: {
      LogGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/vendedlogs/cognito/shop/notifications",
    },
  },
];
const S3_ONLY = [
  {
    EventSource: "userAuthEvents",
    LogLevel: "INFO",
    S3Configuration: { BucketArn: "arn:aws:s3:::shop-activity-logs" },
  },
];

const pools: PoolLogDeliverySource[] = [
  {
    accountId: ACCOUNT,
    region: "us-east-1",
    poolId: "us-east-1_Shop1",
    poolName: "shop",
    logConfigurations: BOTH,
  },
  // Same name, other account and region: names must stay unique in one file.
  {
    accountId: OTHER_ACCOUNT,
    region: "eu-west-1",
    poolId: "eu-west-1_Shop2",
    poolName: "shop",
    logConfigurations: S3_ONLY,
  },
  // A name full of what HCL, JSON and shells care about.
  {
    accountId: ACCOUNT,
    region: "us-east-1",
    poolId: "us-east-1_Odd3",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a pool name that looks like HCL interpolation must come out escaped
    poolName: 'we"ird ${name} %{x}\nnext',
    logConfigurations: [null, BOTH[1]],
  },
  {
    accountId: ACCOUNT,
    region: "us-east-1",
    poolId: "us-east-1_None4",
    poolName: "quiet",
    logConfigurations: [],
  },
];

/** A configuration as a set keyed by event source (AWS does not keep order, rules doc §1). */
function asSet(list: unknown): Record<string, { level: unknown; destination: string }> {
  const out: Record<string, { level: unknown; destination: string }> = {};
  for (const entry of (list as Array<Record<string, Record<string, string> | string> | null>) ?? []) {
    if (!entry) continue;
    const destination = Object.entries(entry).find(([key]) => key.endsWith("Configuration"));
    const [member, value] = destination ?? ["", {}];
    out[entry.EventSource as string] = {
      level: entry.LogLevel,
      destination: `${member}=${Object.values(value as Record<string, string>)[0]}`,
    };
  }
  return out;
}

type HclJson = {
  resource?: Record<string, Record<string, Array<Record<string, unknown>>>>;
  import?: Array<Record<string, string>>;
  data?: Record<string, Record<string, Array<Record<string, unknown>>>>;
  provider?: { aws: Array<Record<string, unknown>> };
};

const TF_MEMBER: Record<string, [string, string]> = {
  cloud_watch_logs_configuration: ["CloudWatchLogsConfiguration", "log_group_arn"],
  firehose_configuration: ["FirehoseConfiguration", "stream_arn"],
  s3_configuration: ["S3Configuration", "bucket_arn"],
};

/** The resource's log_configurations blocks back in AWS's shape. */
function awsListOfTerraform(resource: Record<string, unknown>): unknown[] {
  return ((resource.log_configurations as Array<Record<string, unknown>>) ?? []).map((block) => {
    const entry: Record<string, unknown> = { EventSource: block.event_source, LogLevel: block.log_level };
    for (const [key, [member, argument]] of Object.entries(TF_MEMBER)) {
      const inner = (block[key] as Array<Record<string, string>> | undefined)?.[0];
      if (inner) entry[member] = { value: inner[argument] };
    }
    return entry;
  });
}

describe("Terraform export", () => {
  it("parses with HCL's parser and carries exactly what AWS holds, one resource per pool, with an import block each", async () => {
    const file = exportAsCode(pools, "terraform");
    expect(file.filename).toBe("cognito-log-delivery-4-pools.tf");
    const hcl = (await parseHcl(file.filename, file.content)) as HclJson;
    const resources = hcl.resource?.aws_cognito_log_delivery_configuration ?? {};
    // The pool that exports nothing has no resource (the provider requires one block at least).
    expect(Object.keys(resources)).toHaveLength(3);
    const byPool = new Map(
      Object.entries(resources).map(([name, [body = {}]]) => [body.user_pool_id, { name, body }]),
    );
    for (const pool of pools.filter((p) => (p.logConfigurations as unknown[]).length > 0)) {
      const found = byPool.get(pool.poolId);
      if (!found) throw new Error(`no resource for ${pool.poolId}`);
      expect(asSet(awsListOfTerraform(found.body ?? {}))).toEqual(asSet(pool.logConfigurations));
      // Both event sources in the one resource, userNotification first (the order AWS answers).
      const sources = (found.body.log_configurations as Array<{ event_source: string }>).map(
        (b) => b.event_source,
      );
      expect(sources).toEqual(
        [...sources].sort((a, b) => (a === "userNotification" ? -1 : b === "userNotification" ? 1 : 0)),
      );
      const imported = hcl.import?.find((i) => i.id === pool.poolId);
      expect(imported?.to).toBe(`\${aws_cognito_log_delivery_configuration.${found.name}}`);
      // The import and the resource use the provider of the pool's account and region.
      expect(imported?.provider).toBe(found.body.provider);
      const alias = String(found.body.provider).replace(/^\$\{aws\.|\}$/g, "");
      const provider = hcl.provider?.aws.find((p) => p.alias === alias);
      expect(provider).toMatchObject({ region: pool.region, allowed_account_ids: [pool.accountId] });
    }
    // Unique names although two pools share a name; the odd name became a plain identifier.
    expect(new Set(Object.keys(resources)).size).toBe(3);
    for (const name of Object.keys(resources)) expect(name).toMatch(/^[a-z_][a-z0-9_-]*$/);
    expect(file.content).not.toMatch(/:\*"/);
  });

  it("with destinations as data sources, looks each destination up by name and refers to it", async () => {
    const file = exportAsCode([pools[0] as PoolLogDeliverySource], "terraform", "data");
    const hcl = (await parseHcl(file.filename, file.content)) as HclJson;
    expect(hcl.data?.aws_cloudwatch_log_group).toBeDefined();
    const [[groupName, [group] = []] = []] = Object.entries(hcl.data?.aws_cloudwatch_log_group ?? {});
    expect(group?.name).toBe("/aws/vendedlogs/cognito/shop/notifications");
    const [[streamName, [stream] = []] = []] = Object.entries(
      hcl.data?.aws_kinesis_firehose_delivery_stream ?? {},
    );
    expect(stream?.name).toBe("activity-stream");
    const [resource] = Object.values(hcl.resource?.aws_cognito_log_delivery_configuration ?? {})[0] ?? [];
    const blocks = resource?.log_configurations as Array<Record<string, Array<Record<string, string>>>>;
    expect(blocks[0]?.cloud_watch_logs_configuration?.[0]?.log_group_arn).toBe(
      `\${data.aws_cloudwatch_log_group.${groupName}.arn}`,
    );
    expect(blocks[1]?.firehose_configuration?.[0]?.stream_arn).toBe(
      `\${data.aws_kinesis_firehose_delivery_stream.${streamName}.arn}`,
    );
  });

  it("never writes a log group ARN ending in ':*' (Cognito refuses it), and says it dropped one", async () => {
    const starred: PoolLogDeliverySource = {
      accountId: ACCOUNT,
      region: "us-east-1",
      poolId: "us-east-1_Star5",
      logConfigurations: [
        {
          EventSource: "userNotification",
          LogLevel: "ERROR",
          CloudWatchLogsConfiguration: {
            LogGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:errors:*",
          },
        },
      ],
    };
    for (const format of ["terraform", "cloudformation", "cli"] as const) {
      const file = exportAsCode([starred], format);
      expect(file.content, format).toContain("arn:aws:logs:us-east-1:111122223333:log-group:errors");
      expect(file.content, format).not.toMatch(/log-group:errors:\*["']/);
      expect(file.warnings.join(" ")).toMatch(/':\*'/);
    }
    const hcl = (await parseHcl("x.tf", exportAsCode([starred], "terraform").content)) as HclJson;
    const [resource] = Object.values(hcl.resource?.aws_cognito_log_delivery_configuration ?? {})[0] ?? [];
    expect(awsListOfTerraform(resource ?? {})).toEqual([
      {
        EventSource: "userNotification",
        LogLevel: "ERROR",
        CloudWatchLogsConfiguration: { value: "arn:aws:logs:us-east-1:111122223333:log-group:errors" },
      },
    ]);
  });
});

/** The registry schema of AWS::Cognito::LogDeliveryConfiguration (see fixtures). */
type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
  required?: string[];
  items?: JsonSchema;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
};
const REGISTRY_SCHEMA = JSON.parse(
  readFileSync(
    new URL("./fixtures/aws-cognito-logdeliveryconfiguration.schema.json", import.meta.url),
    "utf8",
  ),
) as JsonSchema;

/** Every violation of `value` against the (draft-07 subset the registry schema uses). */
function schemaErrors(value: unknown, schema: JsonSchema, at: string): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace("#/definitions/", "");
    return schemaErrors(value, REGISTRY_SCHEMA.definitions?.[name] ?? {}, at);
  }
  const errors: string[] = [];
  if (schema.type === "string" && typeof value !== "string") errors.push(`${at}: expected a string`);
  if (schema.type === "array") {
    if (!Array.isArray(value)) return [`${at}: expected an array`];
    value.forEach((item, i) => {
      errors.push(...schemaErrors(item, schema.items ?? {}, `${at}[${i}]`));
    });
  }
  if (schema.type === "object" || schema.properties) {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return [`${at}: expected an object`];
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) errors.push(`${at}.${key}: required`);
    for (const [key, inner] of Object.entries(record)) {
      const property = schema.properties?.[key];
      if (!property) {
        if (schema.additionalProperties === false) errors.push(`${at}.${key}: not a property of the type`);
        continue;
      }
      errors.push(...schemaErrors(inner, property, `${at}.${key}`));
    }
  }
  return errors;
}

describe("CloudFormation export", () => {
  it("the CDK resource specification package predates AWS::Cognito::LogDeliveryConfiguration (so the registry schema is used)", () => {
    const spec = createRequire(import.meta.url)("@aws-cdk/cfnspec/spec/specification.json") as {
      ResourceTypes: Record<string, unknown>;
    };
    // When this fails, @aws-cdk/cfnspec gained the type: validate against it as well.
    expect(spec.ResourceTypes["AWS::Cognito::LogDeliveryConfiguration"]).toBeUndefined();
    expect(spec.ResourceTypes["AWS::Cognito::UserPool"]).toBeDefined();
  });

  it("validates against the resource's registry schema and carries exactly what AWS holds", () => {
    const file = exportAsCode(pools, "cloudformation");
    const template = JSON.parse(file.content) as ReturnType<typeof cloudFormationFor>;
    expect(template.AWSTemplateFormatVersion).toBe("2010-09-09");
    expect(Object.keys(template.Resources)).toHaveLength(4);
    for (const [id, resource] of Object.entries(template.Resources)) {
      expect(id).toMatch(/^[A-Za-z0-9]{1,255}$/);
      expect(resource.Type).toBe("AWS::Cognito::LogDeliveryConfiguration");
      expect(schemaErrors(resource.Properties, REGISTRY_SCHEMA, id)).toEqual([]);
      // The documented limits the schema file leaves out: UserPoolId 1–55 of its pattern, 0–2 entries.
      expect(resource.Properties.UserPoolId).toMatch(/^[\w-]+_[0-9a-zA-Z]+$/);
      expect(resource.Properties.LogConfigurations.length).toBeLessThanOrEqual(2);
      const pool = pools.find((p) => p.poolId === resource.Properties.UserPoolId);
      expect(asSet(resource.Properties.LogConfigurations)).toEqual(asSet(pool?.logConfigurations));
      expect(resource.DeletionPolicy).toBe("Retain");
    }
    // The schema check itself catches what CloudFormation would refuse.
    expect(schemaErrors({ LogConfigurations: [{ LogGroupArn: "x" }] }, REGISTRY_SCHEMA, "bad")).toEqual([
      "bad.UserPoolId: required",
      "bad.LogConfigurations[0].LogGroupArn: not a property of the type",
    ]);
    expect(template.Description).toMatch(/2 \(account, region\) pairs/);
  });
});

/** The words a POSIX shell would pass to `aws`, per command of the script. */
function commandsOf(script: string): string[][] {
  const joined = script.replaceAll("\\\n", " ");
  return joined
    .split("\n")
    .filter((line) => line.startsWith("aws "))
    .map((line) => parseShell(line).map((word) => (typeof word === "string" ? word : JSON.stringify(word))));
}

describe("AWS CLI export", () => {
  it("splits as a shell splits it, and --log-configurations parses back to what AWS holds", () => {
    const file = exportAsCode(pools, "cli");
    const commands = commandsOf(file.content);
    expect(commands).toHaveLength(pools.length);
    for (const words of commands) {
      expect(words.slice(0, 3)).toEqual(["aws", "cognito-idp", "set-log-delivery-configuration"]);
      const option = (name: string) => words[words.indexOf(name) + 1];
      const pool = pools.find((p) => p.poolId === option("--user-pool-id"));
      expect(pool).toBeDefined();
      expect(option("--region")).toBe(pool?.region);
      const list = JSON.parse(option("--log-configurations") ?? "") as unknown;
      expect(asSet(list)).toEqual(asSet(pool?.logConfigurations));
      // And what Set would store is what the pool has (the console's own reading of AWS's list).
      expect(fromAwsLogConfigurations(list).model).toEqual(
        fromAwsLogConfigurations(pool?.logConfigurations).model,
      );
    }
  });

  it("quotes a value holding a quote so the shell gives it back whole", () => {
    // ARNs cannot hold quotes today; the quoting must not rely on it.
    const quoted: PoolLogDeliverySource = {
      accountId: ACCOUNT,
      region: "us-east-1",
      poolId: "us-east-1_Q",
      logConfigurations: [
        {
          EventSource: "userAuthEvents",
          LogLevel: "INFO",
          S3Configuration: { BucketArn: "arn:aws:s3:::it's" },
        },
      ],
    };
    const [words] = commandsOf(exportAsCode([quoted], "cli").content);
    const json = words?.[words.indexOf("--log-configurations") + 1] ?? "";
    expect(JSON.parse(json)).toEqual([
      {
        LogLevel: "INFO",
        EventSource: "userAuthEvents",
        S3Configuration: { BucketArn: "arn:aws:s3:::it's" },
      },
    ]);
  });
});

describe("the selection a client may ask for", () => {
  it("names the pools by account and id, and refuses an empty or huge selection in the user's terms", () => {
    expect(
      CodeExportSelectionSchema.safeParse({ pools: [{ accountId: ACCOUNT, poolId: "us-east-1_A" }] }).success,
    ).toBe(true);
    const empty = CodeExportSelectionSchema.safeParse({ pools: [] });
    expect(empty.error?.issues[0]?.message).toBe("Choose at least one pool to export.");
    expect(CodeExportSelectionSchema.safeParse({}).error?.issues[0]?.message).toMatch(/one of the two/);
    const bad = CodeExportSelectionSchema.safeParse({ pools: [{ accountId: "1", poolId: "x" }] });
    expect(bad.success).toBe(false);
    expect(
      CodeExportSelectionSchema.safeParse({ filters: { region: "us-east-1", hasWarnings: "true" } }).data,
    ).toEqual({
      filters: { region: "us-east-1", hasWarnings: true },
    });
  });
});

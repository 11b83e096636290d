/**
 * The fleet's findings as CSV, JSON and AWS Security Hub findings (ASFF).
 *
 * ASFF is checked against what Security Hub requires of a finding it imports:
 * - the top-level attributes the Security Hub user guide lists as required ("Required top-level
 *   ASFF attributes": AwsAccountId, CreatedAt, Description, GeneratorId, Id, ProductArn, Resources,
 *   SchemaVersion, Severity, Title, Types, UpdatedAt);
 * - the service model (botocore `securityhub/2018-10-26/service-2.json`): `AwsSecurityFinding.required`
 *   (SchemaVersion, Id, ProductArn, GeneratorId, AwsAccountId, CreatedAt, UpdatedAt, Title,
 *   Description, Resources); `Resource.required` (Type, Id); `Resources` 1–32 items; `Severity.Label`
 *   one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL; `Resource.Partition` one of aws, aws-cn,
 *   aws-us-gov; `Resource.Region` ≤ 16; Title ≤ 256; Description ≤ 1024; Id and GeneratorId ≤ 512;
 *   `Recommendation.Text` ≤ 512; `ProductFields` ≤ 50 pairs, keys ≤ 128, values ≤ 2048; every string
 *   non-empty (`NonEmptyString`, pattern `.*\S.*`); SchemaVersion `2018-10-08`.
 */
import {
  ASFF_REQUIRED_ATTRIBUTES,
  type Finding,
  type FindingsReportPool,
  findingsAsff,
  findingsCsv,
  findingsJson,
} from "@clc/domain";
import { describe, expect, it } from "vitest";

const LOG_GROUP = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vendedlogs/cognito/shop/notifications";
const STREAM = "arn:aws:firehose:eu-west-1:111122223333:deliverystream/activity";

const finding = (id: string, severity: Finding["severity"], extra: Partial<Finding> = {}): Finding => ({
  id,
  severity,
  message: `The ${id} finding.`,
  ...extra,
});

const pools: FindingsReportPool[] = [
  {
    accountId: "111122223333",
    accountName: "Shop prod",
    region: "eu-west-1",
    poolId: "eu-west-1_Shop",
    poolName: '=HYPERLINK("http://evil")',
    poolArn: "arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_Shop",
    configuration: {
      userNotification: { kind: "logGroup", arn: LOG_GROUP },
      userAuthEvents: { kind: "firehose", arn: STREAM },
    },
    findings: [
      finding("log-group-policy-missing", "warn", {
        eventSource: "userNotification",
        fix: { action: "add-log-group-policy", label: "Add the delivery policy", target: LOG_GROUP },
      }),
      finding("firehose-missing-tag", "block", {
        eventSource: "userAuthEvents",
        fix: { action: "tag-firehose-stream", label: "Tag it", target: STREAM },
      }),
      finding("threat-protection-off", "warn", { eventSource: "userAuthEvents" }),
      finding("log-group-kms", "block", { eventSource: "userNotification", message: "x".repeat(2000) }),
      finding("bucket-policy-missing", "warn", {
        eventSource: "userAuthEvents",
        fix: { action: "add-bucket-policy", label: "Add", target: "arn:aws:s3:::shop-logs" },
      }),
      finding("tier-not-plus", "block", { eventSource: "userAuthEvents" }),
    ],
  },
  // Never read fully: no ARN, so no ASFF resource can name it.
  {
    accountId: "444455556666",
    region: "us-east-1",
    poolId: "us-east-1_Unread",
    poolName: "unread",
    poolArn: null,
    configuration: null,
    findings: [finding("destination-not-found", "block")],
  },
];

const NOW = "2026-11-30T17:00:00.000Z";

describe("ASFF export", () => {
  const asff = findingsAsff(pools, NOW);

  it("gives every finding of a pool with an ARN every attribute Security Hub requires, within its limits", () => {
    expect(asff).toHaveLength(6);
    for (const item of asff) {
      for (const attribute of ASFF_REQUIRED_ATTRIBUTES) expect(item, attribute).toHaveProperty(attribute);
      const record = item as unknown as Record<string, unknown>;
      for (const key of [
        "SchemaVersion",
        "Id",
        "ProductArn",
        "GeneratorId",
        "AwsAccountId",
        "CreatedAt",
        "UpdatedAt",
        "Title",
        "Description",
      ]) {
        expect(record[key], key).toMatch(/\S/);
      }
      expect(item.SchemaVersion).toBe("2018-10-08");
      expect(item.AwsAccountId).toMatch(/^\d{12}$/);
      expect(item.ProductArn).toBe(`arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default`);
      expect(item.Id.length).toBeLessThanOrEqual(512);
      expect(item.GeneratorId.length).toBeLessThanOrEqual(512);
      expect(item.Title.length).toBeLessThanOrEqual(256);
      expect(item.Description.length).toBeLessThanOrEqual(1024);
      expect(["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"]).toContain(item.Severity.Label);
      expect(item.Types.length).toBeGreaterThan(0);
      for (const type of item.Types) expect(type.split("/").length).toBeGreaterThanOrEqual(2);
      expect(item.Resources.length).toBeGreaterThanOrEqual(1);
      expect(item.Resources.length).toBeLessThanOrEqual(32);
      for (const resource of item.Resources) {
        expect(resource.Type).toBe("Other");
        expect(resource.Id).toBe("arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_Shop");
        expect(["aws", "aws-cn", "aws-us-gov"]).toContain(resource.Partition);
        expect(resource.Region.length).toBeLessThanOrEqual(16);
      }
      expect(item.Remediation.Recommendation.Text.length).toBeLessThanOrEqual(512);
      expect(item.Remediation.Recommendation.Url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      const fields = Object.entries(item.ProductFields);
      expect(fields.length).toBeLessThanOrEqual(50);
      for (const [key, value] of fields) {
        expect(key.length).toBeLessThanOrEqual(128);
        expect(value.length, key).toBeLessThanOrEqual(2048);
        expect(value, key).toMatch(/\S/);
      }
      expect(new Date(item.CreatedAt).toISOString()).toBe(NOW);
    }
    // One id per (pool, finding, source): re-importing updates instead of duplicating.
    expect(new Set(asff.map((a) => a.Id)).size).toBe(asff.length);
  });

  it("carries the remediation as console steps, CLI, Terraform and CloudFormation", () => {
    const policy = asff.find((a) => a.GeneratorId === "cognito-log-console/log-group-policy-missing");
    expect(Object.keys(policy?.ProductFields ?? {})).toEqual(
      expect.arrayContaining([
        "CognitoLogConsole/Remediation/Console",
        "CognitoLogConsole/Remediation/Cli",
        "CognitoLogConsole/Remediation/Terraform",
        "CognitoLogConsole/Remediation/CloudFormation",
      ]),
    );
    expect(policy?.ProductFields["CognitoLogConsole/Remediation/Cli"]).toContain(
      "aws logs put-resource-policy",
    );
    expect(policy?.ProductFields["CognitoLogConsole/Remediation/Cli"]).toContain(
      `--resource-arn ${LOG_GROUP}`,
    );
    expect(policy?.ProductFields["CognitoLogConsole/Remediation/Terraform"]).toContain(
      "aws_cloudwatch_log_resource_policy",
    );
    expect(policy?.ProductFields["CognitoLogConsole/Remediation/CloudFormation"]).toContain(
      "AWS::Logs::ResourcePolicy",
    );
    const tag = asff.find((a) => a.GeneratorId === "cognito-log-console/firehose-missing-tag");
    expect(tag?.Severity.Label).toBe("HIGH");
    expect(tag?.ProductFields["CognitoLogConsole/Remediation/Cli"]).toContain(
      "--delivery-stream-name activity \\\n  --tags Key=LogDeliveryEnabled,Value=true",
    );
    // A whole-object write is never offered without its warning.
    const threat = asff.find((a) => a.GeneratorId === "cognito-log-console/threat-protection-off");
    expect(threat?.ProductFields["CognitoLogConsole/Remediation/Cli"]).toMatch(
      /REPLACES the pool's settings/,
    );
    // A destination that cannot work: the pool's configuration as code, to edit.
    const kms = asff.find((a) => a.GeneratorId === "cognito-log-console/log-group-kms");
    expect(kms?.Description.length).toBe(1024);
    expect(kms?.ProductFields["CognitoLogConsole/Remediation/Terraform"]).toContain(
      'resource "aws_cognito_log_delivery_configuration"',
    );
    expect(kms?.ProductFields["CognitoLogConsole/Remediation/Cli"]).toContain(
      "set-log-delivery-configuration",
    );
  });
});

describe("CSV and JSON export", () => {
  it("writes one CSV line per finding (pools never read included), safe from spreadsheet formulas", () => {
    const csv = findingsCsv(pools);
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines[0]).toMatch(/^accountId,accountName,region,poolId,poolName,poolArn,findingId,severity/);
    // Lines: header + 7 findings (cells with newlines are quoted, so count records by pool id).
    expect(csv.match(/(?:^|\r\n)111122223333,Shop prod,eu-west-1,eu-west-1_Shop,/g)?.length).toBe(6);
    expect(csv).toContain(
      "\r\n444455556666,444455556666,us-east-1,us-east-1_Unread,unread,,destination-not-found,block",
    );
    expect(csv).not.toMatch(/,=HYPERLINK/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it("keeps every value exactly in JSON, with the remediation in every form", () => {
    const json = findingsJson(pools);
    expect(json).toHaveLength(7);
    expect(json[0]).toMatchObject({
      poolId: "eu-west-1_Shop",
      poolName: '=HYPERLINK("http://evil")',
      finding: { id: "log-group-policy-missing" },
      remediation: { url: expect.stringMatching(/^https:/) },
    });
    expect(Object.keys((json[0] as { remediation: object }).remediation).sort()).toEqual([
      "cli",
      "cloudformation",
      "console",
      "terraform",
      "url",
    ]);
  });
});

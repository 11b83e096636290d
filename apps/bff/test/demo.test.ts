import { describe, expect, it } from "vitest";
import { useDemoStack } from "./helpers.ts";

/** The demo seed's imperfect destinations (packages/sandbox/src/seed/demo.ts). */
describe("on the demo seed", () => {
  const env = useDemoStack();
  const poolByName = env.poolIds;

  const pool = (name: string): string => {
    const id = poolByName.get(name);
    if (!id) throw new Error(`demo pool ${name} not listed`);
    return id;
  };

  async function preview(poolName: string, eventSource: string, destination: { kind: string; arn: string }) {
    const answer = await env.stack.call(
      "POST",
      `/api/pools/${pool(poolName)}/log-delivery/${eventSource}/preview`,
      {
        body: { destination },
      },
    );
    expect(answer.status, answer.text).toBe(200);
    return answer.json;
  }

  it("lists the demo pools of both regions, with the fleet's findings", async () => {
    const list = await env.stack.call("GET", "/api/pools?limit=500");
    expect(list.json.items.some((p: { region: string }) => p.region === "us-east-1")).toBe(true);
    expect(list.json.items.some((p: { region: string }) => p.region === "eu-west-1")).toBe(true);
    const kmsPool = list.json.items.find((p: { name: string }) => p.name === "acme-security-sandbox");
    expect(kmsPool.findings.worst).toBe("block");
    const warned = await env.stack.call("GET", "/api/pools?hasWarnings=true&limit=500");
    expect(warned.json.items.map((p: { name: string }) => p.name)).toContain("acme-security-sandbox");
  });

  it("previews the KMS-encrypted log group as blocked", async () => {
    const result = await preview("acme-mobile-app", "userNotification", {
      kind: "logGroup",
      arn: `arn:aws:logs:us-east-1:${env.account}:log-group:/acme/security/cognito-notifications`,
    });
    expect(result.canApply).toBe(false);
    expect(result.findings.map((f: { id: string }) => f.id)).toContain("log-group-kms");
    expect(
      result.diff.find((d: { eventSource: string }) => d.eventSource === "userNotification").change,
    ).toBe("added");
  });

  it("previews the untagged Firehose stream as blocked, with the tag fix", async () => {
    const result = await preview("acme-prod-partners", "userAuthEvents", {
      kind: "firehose",
      arn: `arn:aws:firehose:us-east-1:${env.account}:deliverystream/security-events-firehose`,
    });
    expect(result.canApply).toBe(false);
    const finding = result.findings.find((f: { id: string }) => f.id === "firehose-missing-tag");
    expect(finding.fix.action).toBe("tag-firehose-stream");
  });

  it("previews the bucket without a delivery policy with a warning and the policy fix", async () => {
    const result = await preview("acme-prod-partners", "userAuthEvents", {
      kind: "s3",
      arn: `arn:aws:s3:::acme-audit-archive-${env.account}`,
    });
    const finding = result.findings.find((f: { id: string }) => f.id === "bucket-policy-missing");
    expect(finding.severity).toBe("warn");
    expect(finding.fix.action).toBe("add-bucket-policy");
    expect(result.canApply).toBe(true);
    expect(result.diff.find((d: { eventSource: string }) => d.eventSource === "userAuthEvents").change).toBe(
      "changed",
    );
  });

  it("previews an invalid destination with field errors, not a failure", async () => {
    const result = await preview("acme-staging", "userAuthEvents", {
      kind: "s3",
      arn: `arn:aws:s3:::acme-audit-archive-${env.account}`,
    });
    expect(result.canApply).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it("lists each kind of destination of a region with what log delivery needs of it", async () => {
    const groups = await env.stack.call("GET", "/api/destinations?region=us-east-1&kind=logGroup");
    expect(groups.status).toBe(200);
    const kms = groups.json.items.find(
      (g: { name: string }) => g.name === "/acme/security/cognito-notifications",
    );
    expect(kms.kmsKeyId).toContain("arn:aws:kms");
    expect(kms.arn.endsWith(":*")).toBe(false);
    const vended = groups.json.items.find(
      (g: { name: string }) => g.name === "/aws/vendedlogs/cognito/acme-prod-customers/notifications",
    );
    expect(vended.deliveryPolicy).toBe("present");

    const prefixed = await env.stack.call("GET", "/api/destinations?region=us-east-1&kind=logGroup&q=/acme/");
    expect(prefixed.json.items.map((g: { name: string }) => g.name)).toEqual([
      "/acme/security/cognito-notifications",
    ]);

    const streams = await env.stack.call("GET", "/api/destinations?region=us-east-1&kind=firehose");
    const byName = new Map(streams.json.items.map((s: { name: string }) => [s.name, s]));
    expect(byName.get("security-events-firehose")).toMatchObject({
      logDeliveryEnabledTag: false,
      deliveryStreamType: "DirectPut",
    });
    expect(byName.get("cognito-activity-to-openobserve")).toMatchObject({
      logDeliveryEnabledTag: true,
      destinationType: "http",
    });

    const buckets = await env.stack.call("GET", "/api/destinations?region=us-east-1&kind=s3");
    const bucketByName = new Map(buckets.json.items.map((b: { name: string }) => [b.name, b]));
    expect(bucketByName.get(`acme-audit-archive-${env.account}`)).toMatchObject({
      deliveryPolicy: "missing",
    });
    expect(bucketByName.get(`acme-cognito-activity-${env.account}`)).toMatchObject({
      deliveryPolicy: "present",
    });
    expect(bucketByName.has(`acme-eu-cognito-activity-${env.account}`)).toBe(false);
  });

  it("pages destinations with an opaque cursor", async () => {
    const first = await env.stack.call("GET", "/api/destinations?region=us-east-1&kind=logGroup&limit=2");
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await env.stack.call(
      "GET",
      `/api/destinations?region=us-east-1&kind=logGroup&limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`,
    );
    expect(second.status).toBe(200);
    const names = [...first.json.items, ...second.json.items].map((g: { name: string }) => g.name);
    expect(new Set(names).size).toBe(names.length);
    const wrongQuery = await env.stack.call(
      "GET",
      `/api/destinations?region=us-east-1&kind=s3&cursor=${encodeURIComponent(first.json.nextCursor)}`,
    );
    expect(wrongQuery.status).toBe(400);
  });
});

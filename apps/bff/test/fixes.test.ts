import { describe, expect, it } from "vitest";
import { useDemoStack } from "./helpers.ts";

/** Each fix the console offers, applied to the demo seed's imperfect destinations. */
describe("fixes", () => {
  const env = useDemoStack();
  const ids = env.poolIds;

  const fix = (pool: string, action: string, target: string) =>
    env.stack.call("POST", `/api/pools/${ids.get(pool)}/fixes`, { body: { action, target } });

  async function previewFindings(
    pool: string,
    eventSource: string,
    destination: { kind: string; arn: string },
  ) {
    const answer = await env.stack.call(
      "POST",
      `/api/pools/${ids.get(pool)}/log-delivery/${eventSource}/preview`,
      {
        body: { destination },
      },
    );
    return (answer.json.findings as Array<{ id: string }>).map((f) => f.id);
  }

  it("tags the untagged Firehose stream, after which the finding is gone", async () => {
    const arn = `arn:aws:firehose:eu-west-1:${env.account}:deliverystream/eu-siem-ingest`;
    const answer = await fix("acme-eu-partners", "tag-firehose-stream", arn);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.changed).toBe(true);
    expect(answer.json.pool.findings.map((f: { id: string }) => f.id)).not.toContain("firehose-missing-tag");
  });

  it("adds the bucket policy, after which the bucket is ready", async () => {
    const arn = `arn:aws:s3:::acme-audit-archive-${env.account}`;
    expect(await previewFindings("acme-prod-partners", "userAuthEvents", { kind: "s3", arn })).toContain(
      "bucket-policy-missing",
    );
    const answer = await fix("acme-prod-partners", "add-bucket-policy", arn);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.changed).toBe(true);
    expect(await previewFindings("acme-prod-partners", "userAuthEvents", { kind: "s3", arn })).not.toContain(
      "bucket-policy-missing",
    );
    const again = await fix("acme-prod-partners", "add-bucket-policy", arn);
    expect(again.json.changed).toBe(false);
  });

  it("adds the log group resource policy for a log group outside /aws/vendedlogs/", async () => {
    const arn = `arn:aws:logs:eu-west-1:${env.account}:log-group:/acme/eu/cognito-notifications`;
    const before = await env.stack.call("GET", `/api/pools/${ids.get("acme-eu-staging")}`);
    expect(before.json.findings.map((f: { id: string }) => f.id)).toContain("log-group-policy-missing");
    const answer = await fix("acme-eu-staging", "add-log-group-policy", arn);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.changed).toBe(true);
    expect(answer.json.pool.findings.map((f: { id: string }) => f.id)).not.toContain(
      "log-group-policy-missing",
    );
  });

  it("turns threat protection on (audit) for a PLUS pool, and refuses an ESSENTIALS pool", async () => {
    const pool = ids.get("acme-mobile-app") ?? "";
    const arn = `arn:aws:cognito-idp:us-east-1:${env.account}:userpool/${pool}`;
    const answer = await fix("acme-mobile-app", "enable-threat-protection", arn);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.pool.pool.threatProtection).toBe("AUDIT");
    const staging = ids.get("acme-staging") ?? "";
    const refused = await fix(
      "acme-staging",
      "enable-threat-protection",
      `arn:aws:cognito-idp:us-east-1:${env.account}:userpool/${staging}`,
    );
    expect(refused.status).toBe(422);
  });

  it("refuses a target of the wrong kind or place before any AWS call", async () => {
    env.stack.sandbox.resetCalls();
    const wrongKind = await fix(
      "acme-eu-partners",
      "tag-firehose-stream",
      `arn:aws:s3:::acme-audit-archive-${env.account}`,
    );
    expect(wrongKind.status).toBe(400);
    const wrongRegion = await fix(
      "acme-eu-partners",
      "tag-firehose-stream",
      `arn:aws:firehose:us-east-1:${env.account}:deliverystream/x`,
    );
    expect(wrongRegion.status).toBe(400);
    const wrongPool = await fix(
      "acme-mobile-app",
      "enable-threat-protection",
      "arn:aws:cognito-idp:us-east-1:1:userpool/other_X",
    );
    expect(wrongPool.status).toBe(400);
    const unknownAction = await fix("acme-mobile-app", "delete-everything", "x");
    expect(unknownAction.status).toBe(400);
    expect(env.stack.sandbox.calls().total).toBe(0);
  });
});

/** Requests without SigV4, and unknown awsQuery actions: each protocol answers in AWS's own form. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";
import { queryCall } from "./support/aws.ts";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none" });
});
afterAll(() => sandbox.close());

describe("missing authentication", () => {
  it("awsQuery answers 403 MissingAuthenticationToken in an ErrorResponse", async () => {
    const response = await fetch(sandbox.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code>/,
    );
    expect(text).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });

  it("S3 answers 403 AccessDenied with a request id", async () => {
    const response = await fetch(`${sandbox.endpoint}/some-bucket`);
    expect(response.status).toBe(403);
    expect(response.headers.get("x-amz-request-id")).toBeTruthy();
    expect(await response.text()).toContain("<Code>AccessDenied</Code><Message>Access Denied</Message>");
  });
});

describe("awsQuery", () => {
  it("answers an unknown action with InvalidAction", async () => {
    const answer = await queryCall(sandbox.endpoint, "iam", "Action=DeleteEverything&Version=2010-05-08");
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("<Code>InvalidAction</Code>");
    expect(answer.text).toContain('xmlns="https://iam.amazonaws.com/doc/2010-05-08/"');
  });
});

import { type StandardRule, StandardRuleSchema } from "@clc/domain";
import { describe, expect, it } from "vitest";
import { draftOf, fieldOfIssue, ruleOf } from "../src/pages/standard/rule-draft.ts";

const central = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/vendedlogs/cognito/central";
const rule: StandardRule = {
  name: "Notifications",
  scope: {
    accounts: ["111122223333"],
    ous: ["Workloads/Prod"],
    regions: ["us-east-1"],
    tiers: ["PLUS"],
    namePattern: "prod-*",
    tags: [{ key: "team", value: "shop" }, { key: "pii" }],
  },
  sources: {
    userNotification: { type: "existing", destinations: [{ region: "us-east-1", arn: central }] },
    userAuthEvents: {
      type: "create",
      kind: "logGroup",
      nameTemplate: "/aws/vendedlogs/cognito/{poolId}/activity",
    },
  },
};

describe("the rule form's draft", () => {
  it("gives back the rule it was made from", () => {
    expect(StandardRuleSchema.parse(ruleOf(draftOf(rule)))).toEqual(rule);
  });

  it("puts each schema error on the field the user typed it in", () => {
    const draft = draftOf(rule);
    draft.sources.userNotification.arns = { "us-east-1": "", "eu-west-1": `${central}:*` };
    draft.accounts = "111122223333, 12";
    const parsed = StandardRuleSchema.safeParse(ruleOf(draft));
    const fields = parsed.error?.issues.map((issue) => fieldOfIssue(issue.path, draft)) ?? [];
    expect(fields).toEqual(
      expect.arrayContaining(["scope.accounts", "sources.userNotification.arn.eu-west-1"]),
    );
  });
});

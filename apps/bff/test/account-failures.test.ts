/**
 * How a failure of discovery reads (features/accounts/service.ts describeAccountFailure): pure
 * wording logic over AwsCallError values. Before, a ListAccounts that timed out was "refused" and
 * the advice was to grant organizations:ListAccounts, which the principal already had.
 */
import { describe, expect, it } from "vitest";
import { AwsCallError, type AwsFailureKind } from "../src/aws/errors.ts";
import { describeAccountFailure } from "../src/features/accounts/service.ts";
import { describeAwsFailure } from "../src/lib/aws-failures.ts";

const own = { roleArn: null, own: true };
const listAccounts = (code: string, status: number, kind: AwsFailureKind) =>
  new AwsCallError(code, `${code} message`, status, null, kind, "organizations.ListAccounts");

describe("a failure of AWS Organizations' listing of the accounts", () => {
  it("is refused, with the permissions to grant, only when AWS refused the call", () => {
    const failure = describeAccountFailure(listAccounts("AccessDeniedException", 400, "service"), own);
    expect(failure.message).toMatch(/^AWS Organizations refused to list the accounts/);
    expect(failure.whatToDo).toMatch(/organizations:ListAccounts/);
  });

  it.each([
    ["no answer in time", listAccounts("RequestDeadlineExceeded", 0, "timeout")],
    ["a network failure", listAccounts("ECONNRESET", 0, "network")],
    ["a throttle", listAccounts("TooManyRequestsException", 400, "service")],
    ["AWS's own failure", listAccounts("ServiceException", 500, "service")],
  ])("is not a missing permission after %s: try again in a moment", (_what, error) => {
    const failure = describeAccountFailure(error, own);
    expect(failure.message).toMatch(
      /^AWS Organizations did not list the accounts \(organizations\.ListAccounts: /,
    );
    expect(failure.message).not.toMatch(/refused/);
    expect(failure.whatToDo).toBe("Refresh the fleet in a moment; no permission is missing.");
  });
});

describe("a failure of sts:AssumeRole on a pool's page (lib/aws-failures.ts)", () => {
  const assume = (code: string) =>
    new AwsCallError(code, `${code} message`, 403, "req-1", "service", "sts.AssumeRole");

  it("advises deploying the member role when STS refused the role, as the fleet's account row does", () => {
    const failure = describeAwsFailure(assume("AccessDenied"));
    expect(failure.slug).toBe("member-role-not-assumed");
    expect(failure.options.hint).toBe(
      describeAccountFailure(assume("AccessDenied"), {
        roleArn: "arn:aws:iam::111111111111:role/R",
        own: false,
      }).whatToDo,
    );
  });

  it.each(["ExpiredToken", "SignatureDoesNotMatch"])(
    "blames the console's own credentials, not the member role, on %s",
    (code) => {
      expect(describeAwsFailure(assume(code)).slug).toBe("aws-access-denied");
    },
  );
});

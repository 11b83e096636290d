/**
 * How a failure of discovery reads (features/accounts/service.ts describeAccountFailure): pure
 * wording logic over AwsCallError values. Before, a ListAccounts that timed out was "refused" and
 * the advice was to grant organizations:ListAccounts, which the principal already had.
 */
import { describe, expect, it } from "vitest";
import { AwsCallError, type AwsFailureKind } from "../src/aws/errors.ts";
import { describeAccountFailure } from "../src/features/accounts/service.ts";

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

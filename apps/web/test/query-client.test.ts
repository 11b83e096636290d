import type { Problem } from "@clc/domain";
import { describe, expect, it } from "vitest";
import { ApiProblem } from "../src/api/http.ts";
import { mayPassOnRetry } from "../src/query-client.ts";

const problem = (status: number, slug: string): ApiProblem =>
  new ApiProblem({ type: `urn:clc:problem:${slug}`, title: slug, status } as Problem);

describe("which failed reads are asked again", () => {
  it("does not ask again what AWS refused: a member account's role, the console's credentials", () => {
    // Before, a pool page in an account without the console's role waited 4.3 s (two more tries)
    // for the same answer.
    expect(mayPassOnRetry(problem(502, "member-role-not-assumed"))).toBe(false);
    expect(mayPassOnRetry(problem(502, "aws-access-denied"))).toBe(false);
    expect(mayPassOnRetry(problem(404, "pool-not-found"))).toBe(false);
    expect(mayPassOnRetry(problem(502, "aws-not-aws-answer"))).toBe(false);
  });

  it("asks again what may pass: AWS slow, throttled or unreachable, a network failure", () => {
    expect(mayPassOnRetry(problem(504, "aws-timeout"))).toBe(true);
    expect(mayPassOnRetry(problem(503, "aws-throttled"))).toBe(true);
    expect(mayPassOnRetry(problem(502, "aws-unreachable"))).toBe(true);
    expect(mayPassOnRetry(new TypeError("Failed to fetch"))).toBe(true);
  });
});

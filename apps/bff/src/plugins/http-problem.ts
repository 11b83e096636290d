import type { FieldError, Problem } from "@clc/domain";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Problem `type` URIs: stable identifiers the web app can switch on. */
export const problemType = (slug: string): string => `urn:clc:problem:${slug}`;

export interface ProblemOptions {
  detail?: string;
  errors?: FieldError[];
  hint?: string;
  /** On 412: what AWS holds now, its version and who changed it. */
  current?: NonNullable<Problem["current"]>;
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
}

/**
 * An answer the client should see as RFC 9457 problem details, thrown by routes and plugins (the
 * HTTP layer); services throw `ServiceError` (lib/errors.ts) instead. The one error handler renders both.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly options: ProblemOptions = {},
  ) {
    super(options.detail ? `${title}: ${options.detail}` : title);
    this.name = "HttpProblem";
  }

  toProblem(requestId: string, instance: string): Problem {
    const problem: Problem = {
      type: problemType(this.slug),
      title: this.title,
      status: this.status,
      requestId,
      instance,
    };
    if (this.options.detail !== undefined) problem.detail = this.options.detail;
    if (this.options.errors !== undefined) problem.errors = this.options.errors;
    if (this.options.hint !== undefined) problem.hint = this.options.hint;
    if (this.options.current !== undefined) problem.current = this.options.current;
    return problem;
  }
}

/**
 * The shared conformance file (`shared/conformance/log-delivery.json`, beside the repository), read
 * and checked against the format its README describes, for the tests of every layer that must agree
 * with it. Test support only: it reads a file, so no runtime code depends on it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const CONFORMANCE_PATH = path.resolve(repoRoot, "../shared/conformance/log-delivery.json");
/**
 * Project-local cases in the same format: gaps between the sandbox and AWS found by going through
 * each operation against its API model and AWS's documents (issue 12 §4), one case per gap closed.
 */
export const SANDBOX_GAPS_PATH = path.resolve(repoRoot, "packages/conformance/cases/sandbox-gaps.json");
/**
 * Project-local cases of several accounts (issue 14): AssumeRole, Organizations, account:ListRegions
 * and a call in a region the account has not enabled, run against the sandbox's demo organization
 * (`seed`). Calls may name their `region` and sign with saved `credentials` (a role session's).
 */
export const ORGANIZATIONS_PATH = path.resolve(repoRoot, "packages/conformance/cases/organizations.json");
/**
 * Project-local cases of the events path (issue 16): SQS, EventBridge rules and CloudTrail trails,
 * each checked against AWS's documents and moto where it serves the operation; same format and runner
 * as the organizations file (an empty sandbox: `seed` none).
 */
export const EVENTS_PATH = path.resolve(repoRoot, "packages/conformance/cases/events.json");

const CallSchema = z.object({
  /** The SigV4 signing name, e.g. `cognito-idp`, `logs`, `s3`. */
  service: z.string(),
  /** A JSON-protocol call: the part of the target after the prefix. */
  action: z.string().optional(),
  /** An S3 (REST-XML) call. */
  method: z.string().optional(),
  path: z.string().optional(),
  body: z.unknown().optional(),
  /** An S3 call's extra request headers (`x-amz-acl`…); project-local cases only, the shared file has none. */
  headers: z.record(z.string(), z.string()).optional(),
  /** Name → dotted path in the answer; `${NAME}` in later strings is replaced by the value. */
  save: z.record(z.string(), z.string()).optional(),
  /** The region to sign for instead of `defaults.region`; project-local cases only. */
  region: z.string().optional(),
  /** Credentials to sign with instead of the sandbox's any-key pair (`${…}` from a saved AssumeRole); project-local only. */
  credentials: z
    .object({ accessKeyId: z.string(), secretAccessKey: z.string(), sessionToken: z.string().optional() })
    .optional(),
});
export type ConformanceCall = z.infer<typeof CallSchema>;

const ExpectationSchema = z.object({
  status: z.number().int(),
  error: z.object({ code: z.string(), message: z.string().optional() }).optional(),
  /** A JSON value the answer must contain. */
  body: z.unknown().optional(),
  anyOrder: z.boolean().optional(),
});
export type ConformanceExpectation = z.infer<typeof ExpectationSchema>;

const CaseSchema = z.object({
  id: z.string(),
  title: z.string(),
  setup: z.array(CallSchema),
  call: CallSchema,
  expect: ExpectationSchema,
  // biome-ignore lint/suspicious/noThenProperty: the file's own member name; this object is never awaited
  then: z.array(z.object({ call: CallSchema, expect: ExpectationSchema })).optional(),
});
export type ConformanceCase = z.infer<typeof CaseSchema>;

const ConformanceFileSchema = z.object({
  defaults: z.object({ account: z.string(), region: z.string() }),
  /** The sandbox seed the cases expect (project-local files; the shared file's cases create what they need). */
  seed: z.string().optional(),
  cases: z.array(CaseSchema),
});
export type ConformanceFile = z.infer<typeof ConformanceFileSchema>;

/** Reads the file; a shape the tests do not understand fails loudly instead of skipping cases. */
export function loadConformance(file = CONFORMANCE_PATH): ConformanceFile {
  const parsed = ConformanceFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(
      `conformance: ${file} does not have the documented format: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** The placeholders every case may use before it saves any of its own. */
export function initialVars(conformance: ConformanceFile): Record<string, string> {
  return { ACCOUNT: conformance.defaults.account, REGION: conformance.defaults.region };
}

/** Replaces `${NAME}` in every string of a JSON value. */
export function substitute<T>(value: T, vars: Record<string, string>): T {
  if (typeof value === "string") {
    return value.replace(/\$\{(\w+)\}/g, (_whole, name: string) => {
      const found = vars[name];
      if (found === undefined) throw new Error(`conformance: \${${name}} used before it was saved`);
      return found;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, vars)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)])) as T;
  }
  return value;
}

/** The value at a dotted path (`UserPool.Id`, `Accounts.0.Id`) of an answer, or undefined. */
export function valueAt(value: unknown, dotted: string): unknown {
  let current = value;
  for (const part of dotted.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** `actual` contains `expected`: objects by the members given, arrays element by element (or as a set). */
export function contains(actual: unknown, expected: unknown, anyOrder: boolean): boolean {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    if (!anyOrder) return expected.every((e, i) => contains(actual[i], e, anyOrder));
    const unused = [...actual];
    return expected.every((e) => {
      const i = unused.findIndex((a) => contains(a, e, anyOrder));
      if (i < 0) return false;
      unused.splice(i, 1);
      return true;
    });
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null) return false;
    return Object.entries(expected).every(([k, v]) =>
      contains((actual as Record<string, unknown>)[k], v, anyOrder),
    );
  }
  return Object.is(actual, expected);
}

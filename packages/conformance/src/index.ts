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

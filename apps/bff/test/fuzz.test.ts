/**
 * Bad input never reaches AWS and never breaks the BFF. The operations come from the BFF's own
 * OpenAPI document, so a new endpoint is fuzzed as soon as it is registered. For each operation,
 * fast-check builds requests that are invalid BY CONSTRUCTION (at least one part breaks its
 * schema: a bad pool id or region, a wrong enum, a missing required field, a wrong JSON type, a
 * huge or unicode string, a bad If-Match, malformed JSON, a wrong content type, a body too large),
 * while the other parts are garbage too. Every answer must be a 4xx problem document, and the
 * sandbox must record zero AWS calls while they are sent.
 */
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser } from "./auth-support.ts";

// ---------- the OpenAPI document, as far as the fuzzer reads it ----------

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface Parameter {
  in: "path" | "query" | "header" | "cookie";
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: string;
  /** OpenAPI path with `{name}` placeholders. */
  path: string;
  parameters: Parameter[];
  body: { required: boolean; schema: JsonSchema } | null;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
}

const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete"]);

function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const jsonBody = op.requestBody?.content?.["application/json"];
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody
          ? { required: op.requestBody.required === true, schema: jsonBody?.schema ?? {} }
          : null,
      });
    }
  }
  return operations;
}

// ---------- invalid values by construction ----------

/** Strings people and scripts actually send by mistake, beside fast-check's random ones. */
const MISTAKES = [
  "",
  " ",
  "null",
  "undefined",
  "0",
  "-1",
  "1.5",
  "1e400",
  "NaN",
  "true",
  "[]",
  "{}",
  "US-EAST-1",
  "us-east",
  "us_east_1",
  "mars-north-9",
  "us-east-1 ",
  "us-east-1_",
  "_AbC123",
  "us-east-1_Ab-c!",
  "us-east-1_AbC123/../../etc/passwd",
  "us-east-1_ÄbC",
  `us-east-1_${"A".repeat(60)}`,
  "arn:aws:logs:us-east-1:123456789012:log-group:/aws/x:*",
  "arn:aws:logs:us-east-1:12345:log-group:x",
  "arn:aws:s3:::",
  "arn:aws:firehose:us-east-1:123456789012:deliverystream/",
  "arn::::",
  "'; DROP TABLE pools; --",
  "<script>alert(1)</script>",
  "%00",
  "\u0000",
  "\u202e\u0645\u0631\u062d\u0628\u0627",
  "🦄🦄🦄",
  "e\u0301\u0301\u0301",
  '"abc"',
  '"short"',
  'W/"abcdefgh12"',
  "*",
  "abcdefgh12",
];

const randomText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 2, arbitrary: fc.constantFrom(...MISTAKES) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 200, maxLength: 600 }) },
  // Huge strings: long enough to break every maxLength, short enough to fit in a URL (Node's 16 kB header limit).
  { weight: 1, arbitrary: fc.nat({ max: 3000 }).map((n) => "x".repeat(2049 + n)) },
);

function violates(schema: JsonSchema, value: string): boolean {
  if (schema.enum && !schema.enum.includes(value)) return true;
  if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) return true;
  if (schema.minLength !== undefined && [...value].length < schema.minLength) return true;
  if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return true;
  if (schema.type === "integer" || schema.type === "number") {
    if (!/^-?\d+(\.\d+)?$/.test(value.trim())) return true;
    const n = Number(value);
    if (schema.type === "integer" && !Number.isInteger(n)) return true;
    if (schema.minimum !== undefined && n < schema.minimum) return true;
    if (schema.maximum !== undefined && n > schema.maximum) return true;
  }
  return false;
}

/** Whether a string schema can be broken by some string at all. */
function breakableAsString(schema: JsonSchema): boolean {
  return (
    schema.enum !== undefined ||
    schema.pattern !== undefined ||
    schema.minLength !== undefined ||
    schema.maxLength !== undefined ||
    schema.type === "integer" ||
    schema.type === "number"
  );
}

/** A value that lands in a URL path segment: never empty or a dot segment (the URL would change route). */
const pathSafe = (value: string) => value !== "" && !/^\.+$/.test(value);
/** A header value fetch can send and the server reads unchanged. */
const headerSafe = (value: string) =>
  /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(value) && value.length < 8000;

function invalidString(schema: JsonSchema, where: Parameter["in"] | "body"): fc.Arbitrary<string> {
  const fits = where === "path" ? pathSafe : where === "header" ? headerSafe : () => true;
  const numeric = schema.type === "integer" || schema.type === "number";
  const numbers =
    numeric && (schema.minimum !== undefined || schema.maximum !== undefined)
      ? [
          fc.integer({ min: -1_000_000_000, max: (schema.minimum ?? 0) - 1 }).map(String),
          fc.integer({ min: (schema.maximum ?? 0) + 1, max: 2 ** 52 }).map(String),
        ]
      : [];
  const candidates = numbers.length > 0 ? fc.oneof(randomText, ...numbers) : randomText;
  return candidates.filter((v) => fits(v) && violates(schema, v));
}

/** Short garbage for the parts not being broken (several huge values would only test the URL limit). */
const garbageText = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom(...MISTAKES));

/** Any string that fits where it goes (valid or not): the "other" parts of a request. */
function anyString(where: Parameter["in"]): fc.Arbitrary<string> {
  const fits = where === "path" ? pathSafe : where === "header" ? headerSafe : () => true;
  return garbageText.filter(fits);
}

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  randomText,
  fc.array(randomText, { maxLength: 3 }),
  fc.dictionary(randomText, randomText, { maxKeys: 3 }),
);

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typesOf(schema: JsonSchema): string[] | null {
  if (schema.type === undefined) return null;
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** A JSON value that breaks `schema` (or null when the schema accepts anything). */
function invalidJson(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> | null {
  const ways: fc.Arbitrary<unknown>[] = [];
  const types = typesOf(schema);
  if (types) {
    const accepted = (value: unknown) => {
      const t = jsonTypeOf(value);
      return types.includes(t) || (t === "integer" && types.includes("number"));
    };
    ways.push(anyJson.filter((v) => !accepted(v)));
  }
  if (types?.includes("string") && breakableAsString(schema)) ways.push(invalidString(schema, "body"));
  if (types?.includes("object") && schema.properties && depth < 4) {
    const properties = schema.properties;
    const fill = (name: string) => (properties[name] ? anyJson : fc.constant(undefined));
    for (const name of schema.required ?? []) {
      // The required member is missing; the others are garbage.
      ways.push(
        fc
          .record(
            Object.fromEntries(
              Object.keys(properties)
                .filter((k) => k !== name)
                .map((k) => [k, fill(k)]),
            ),
          )
          .map((rest) => rest),
      );
      const broken = properties[name] ? invalidJson(properties[name], depth + 1) : null;
      if (broken) {
        ways.push(
          fc
            .tuple(
              broken,
              fc.record(
                Object.fromEntries(
                  Object.keys(properties)
                    .filter((k) => k !== name)
                    .map((k) => [k, fill(k)]),
                ),
              ),
            )
            .map(([value, rest]) => ({ ...rest, [name]: value })),
        );
      }
    }
  }
  return ways.length > 0 ? fc.oneof(...ways) : null;
}

// ---------- requests ----------

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Raw body text, if any. */
  body?: string;
  /** What was broken, for the failure message. */
  broken: string;
  [fc.toStringMethod]: () => string;
}

interface Parts {
  path: Record<string, string>;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body?: string;
  contentType?: string;
}

function toRequest(op: Operation, parts: Parts, broken: string): FuzzRequest {
  const url =
    op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(parts.path[name] ?? "x")) +
    (parts.query.length > 0 ? `?${new URLSearchParams(parts.query).toString()}` : "");
  const headers = { ...parts.headers };
  if (parts.contentType !== undefined) headers["content-type"] = parts.contentType;
  return {
    method: op.method,
    url,
    headers,
    ...(parts.body !== undefined ? { body: parts.body } : {}),
    broken,
    // A counterexample prints as its gist: the full request can be tens of kilobytes.
    [fc.toStringMethod]: () => `${op.method} ${url.slice(0, 160)}${url.length > 160 ? "…" : ""} (${broken})`,
  };
}

/** Garbage for every part, then exactly one "breaker" applied on top: the request cannot be valid. */
function requestsFor(op: Operation): fc.Arbitrary<FuzzRequest> | null {
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const queryParams = op.parameters.filter((p) => p.in === "query");
  const headerParams = op.parameters.filter((p) => p.in === "header");

  const garbage: fc.Arbitrary<Parts> = fc.record({
    path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, anyString("path")]))),
    query: fc
      .tuple(
        ...queryParams.map((p) =>
          fc.option(anyString("query"), { nil: undefined }).map((v) => [p.name, v] as const),
        ),
      )
      .map((pairs) =>
        pairs
          .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
          .map(([k, v]) => [k, v] as [string, string]),
      ),
    headers: fc.record(Object.fromEntries(headerParams.map((p) => [p.name, anyString("header")])), {
      requiredKeys: [],
    }),
  }) as fc.Arbitrary<Parts>;

  const breakers: Array<fc.Arbitrary<(parts: Parts) => FuzzRequest>> = [];
  for (const p of pathParams) {
    if (!breakableAsString(p.schema)) continue;
    breakers.push(
      invalidString(p.schema, "path").map(
        (value) => (parts: Parts) =>
          toRequest(
            op,
            { ...parts, path: { ...parts.path, [p.name]: value } },
            `path ${p.name}=${JSON.stringify(value).slice(0, 80)}`,
          ),
      ),
    );
  }
  for (const p of queryParams) {
    if (p.required) {
      breakers.push(
        fc.constant((parts: Parts) =>
          toRequest(
            op,
            { ...parts, query: parts.query.filter(([k]) => k !== p.name) },
            `query ${p.name} missing`,
          ),
        ),
      );
    }
    if (!breakableAsString(p.schema)) continue;
    breakers.push(
      invalidString(p.schema, "query").map(
        (value) => (parts: Parts) =>
          toRequest(
            op,
            { ...parts, query: [...parts.query.filter(([k]) => k !== p.name), [p.name, value]] },
            `query ${p.name}=${JSON.stringify(value).slice(0, 80)}`,
          ),
      ),
    );
  }
  for (const p of headerParams) {
    if (!breakableAsString(p.schema)) continue;
    breakers.push(
      invalidString(p.schema, "header").map(
        (value) => (parts: Parts) =>
          toRequest(
            op,
            { ...parts, headers: { ...parts.headers, [p.name]: value } },
            `header ${p.name}=${JSON.stringify(value).slice(0, 80)}`,
          ),
      ),
    );
  }
  if (op.body) {
    const json = (value: unknown) => JSON.stringify(value) ?? "null";
    breakers.push(
      fc
        .constantFrom("{", '{"destination":', "[1,2", "nul", '{"a":1}}', "\u0000", "{'single':'quotes'}")
        .map(
          (text) => (parts: Parts) =>
            toRequest(
              op,
              { ...parts, body: text, contentType: "application/json" },
              `malformed JSON ${text}`,
            ),
        ),
      anyString("query").map(
        (text) => (parts: Parts) =>
          toRequest(op, { ...parts, body: text, contentType: "text/plain" }, "text/plain body"),
      ),
      fc.nat({ max: 64 * 1024 }).map(
        (extra) => (parts: Parts) =>
          toRequest(
            op,
            {
              ...parts,
              body: json({ padding: "x".repeat(64 * 1024 + extra) }),
              contentType: "application/json",
            },
            `body of ${64 * 1024 + extra} bytes`,
          ),
      ),
    );
    if (op.body.required) {
      breakers.push(fc.constant((parts: Parts) => toRequest(op, parts, "no body")));
    }
    const broken = invalidJson(op.body.schema);
    if (broken) {
      breakers.push(
        broken.map(
          (value) => (parts: Parts) =>
            toRequest(
              op,
              { ...parts, body: json(value), contentType: "application/json" },
              `body ${json(value).slice(0, 120)}`,
            ),
        ),
      );
    }
  }
  if (breakers.length === 0) return null;
  return fc.tuple(garbage, fc.oneof(...breakers)).map(([parts, breaker]) => breaker(parts));
}

// ---------- the test ----------

/** Developer texts of the libraries under the BFF (zod, Fastify's body parser, JSON.parse). */
const RAW_LIBRARY_TEXT =
  /Invalid (input|option|key in record|element)|expected one of|Unrecognized key|content-type is set to|Body cannot be empty|FST_ERR|Unexpected token|is not valid JSON|undefined is not/;

/** At least this many malformed requests in total, spread over the operations. */
const TOTAL_REQUESTS = 1200;

let sandbox: RunningSandbox;
let t: TestApp;
let browser: TestBrowser;
let operations: Operation[];

beforeAll(async () => {
  // No pools: nothing for a background fleet read to do, and any AWS call shows up in the count.
  sandbox = await startSandbox({ seed: "none" });
  t = await startTestApp({ target: { mode: "sandbox", endpoint: sandbox.endpoint } });
  await addOperator(t.stores, ADMIN);
  browser = new TestBrowser(t.baseUrl);
  expect((await browser.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  const document = await browser.request("GET", "/api/openapi.json");
  expect(document.status).toBe(200);
  operations = operationsOf(document.body as OpenApiDocument);
});

afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

describe("malformed requests", () => {
  it("finds the operations to fuzz in the OpenAPI document", () => {
    const fuzzable = operations
      .filter((op) => requestsFor(op) !== null)
      .map((op) => `${op.method} ${op.path}`);
    // The fleet list is always there; it has query parameters with constraints.
    expect(fuzzable).toContain("GET /api/pools");
    // An operation with inputs that the fuzzer cannot break would be a gap: every input has a schema.
    const unbroken = operations.filter(
      (op) => requestsFor(op) === null && (op.parameters.length > 0 || op.body),
    );
    expect(unbroken.map((op) => `${op.method} ${op.path}`)).toEqual([]);
  });

  it("answers every one with a 4xx problem document and never calls AWS", async () => {
    const fuzzable = operations
      .map((op) => ({ op, requests: requestsFor(op) }))
      .filter(
        (entry): entry is { op: Operation; requests: fc.Arbitrary<FuzzRequest> } => entry.requests !== null,
      );
    expect(fuzzable.length).toBeGreaterThan(0);
    const perOperation = Math.ceil(TOTAL_REQUESTS / fuzzable.length);
    const statuses: Record<number, number> = {};
    let sent = 0;

    sandbox.resetCalls();
    for (const { requests } of fuzzable) {
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const answer = await browser.request(request.method, request.url, {
            headers: request.headers,
            ...(request.body !== undefined ? { body: request.body } : {}),
          });
          sent += 1;
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          const where = `${request.method} ${request.url.slice(0, 160)} (${request.broken})`;
          expect(answer.status, where).toBeGreaterThanOrEqual(400);
          expect(answer.status, where).toBeLessThan(500);
          expect(answer.headers.get("content-type") ?? "", where).toMatch(/^application\/problem\+json/);
          const problem = answer.body as { status?: unknown; title?: unknown };
          expect(problem.status, where).toBe(answer.status);
          expect(typeof problem.title, where).toBe("string");
          // Issue 12 §5: no library's developer text reaches a person (zod's, Fastify's, JSON.parse's).
          expect(JSON.stringify(answer.body), where).not.toMatch(RAW_LIBRARY_TEXT);
        }),
        // Failures print the request; shrinking would only add noise to an already-small example.
        { numRuns: perOperation, endOnFailure: true },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(1000);
    // Every one was refused before the BFF touched AWS.
    expect(sandbox.calls()).toEqual({ total: 0, byOperation: {} });
    // Still signed in: no malformed request ended the session.
    expect((await browser.request("GET", "/api/session")).status).toBe(200);
    expect(Object.keys(statuses).length).toBeGreaterThan(1);
    // A cap for a hung run, not a speed check: the whole run normally takes a few seconds.
  }, 120_000);
});

/** Errors in the user's terms (issue 12 §5): the pure rules behind the BFF's and the web's messages. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type CreationInputDraft,
  creationFieldErrors,
  DestinationListQuerySchema,
  destinationSearchProblem,
  EventSourceSchema,
  eventSourceMeant,
  HTTP_PRESET_ACCESS_KEY_HINTS,
  isBasicAuthToken,
  limitExceededText,
  parseCreationInput,
  translateAwsError,
  userTermsMessage,
} from "../src/index.ts";

/** zod's developer texts (its English locale), none of which may reach a person. */
const RAW_LIBRARY_TEXT =
  /Invalid (input|option|key|element|union|string|type)|expected (string|number|one of|object|array|nonoptional)|received|Too (big|small)|Unrecognized key/;

describe("destination search text", () => {
  it.each([
    ["logGroup", "/aws/vendedlogs/cognito:*"],
    ["logGroup", "cognito errors"],
    ["logGroup", "x".repeat(513)],
    ["s3", "Logs"],
    ["s3", "a".repeat(64)],
    ["firehose", "siem/stream"],
  ] as const)("refuses what AWS rejects or can never match: %s %j", (kind, q) => {
    expect(destinationSearchProblem(kind, q)).not.toBeNull();
    const parsed = DestinationListQuerySchema.safeParse({ region: "us-east-1", kind, q });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([["q"]]);
  });

  it.each([
    ["logGroup", "/aws/vendedlogs/cognito/"],
    ["logGroup", "  "],
    ["s3", "acme-audit.logs"],
    ["firehose", "SIEM_ingest-1.0"],
  ] as const)("accepts what AWS accepts: %s %j", (kind, q) => {
    expect(destinationSearchProblem(kind, q)).toBeNull();
  });

  it("names the characters to remove", () => {
    expect(destinationSearchProblem("logGroup", "a:*")).toContain("remove ':', '*'");
    expect(destinationSearchProblem("logGroup", "a b")).toContain("remove spaces");
  });
});

describe("LimitExceededException per operation", () => {
  it.each([
    ["logs.PutResourcePolicy", "10 account-level"],
    ["logs.CreateLogGroup", "log groups"],
    ["firehose.CreateDeliveryStream", "Firehose streams"],
    ["firehose.TagDeliveryStream", "50 tags"],
    ["cognito-idp.CreateUserPool", "user pools"],
    ["iam.PutRolePolicy", "IAM"],
    ["s3.PutBucketPolicy", "s3.PutBucketPolicy"],
  ])("%s says which limit (%s) and what to do", (operation, limit) => {
    const text = limitExceededText(operation);
    expect(text.message).toContain(limit);
    expect(text.message).not.toContain("Resource limit exceeded");
    expect(text.hint.length).toBeGreaterThan(20);
  });

  it("translateAwsError no longer passes 'Resource limit exceeded.' through untranslated", () => {
    const translated = translateAwsError({
      code: "LimitExceededException",
      message: "Resource limit exceeded.",
    });
    expect(translated.errors).toHaveLength(1);
    expect(translated.errors[0]?.message).toContain("quota");
    expect(translated.hint).toBeDefined();
    expect(translated.detail).toContain("Resource limit exceeded.");
  });
});

describe("event sources spelled the way AWS's documents spell them", () => {
  it.each([
    ["UserActivity", "userAuthEvents"],
    ["USER_ACTIVITY", "userAuthEvents"],
    ["userActivity", "userAuthEvents"],
    ["user-auth-events", "userAuthEvents"],
    ["USER_NOTIFICATION", "userNotification"],
    ["user-notification", "userNotification"],
    ["UserNotifications", "userNotification"],
  ])("%s means %s", (spelled, meant) => {
    expect(eventSourceMeant(spelled)).toBe(meant);
    const result = EventSourceSchema.safeParse(spelled);
    expect(result.error?.issues[0]?.message).toContain(`(\`${meant}\`)?`);
    expect(result.error?.issues[0]?.message).toMatch(/did you mean (user activity|message-delivery errors)/);
  });

  it.each([
    ["logGroup", "USER_ACTIVITY", "userAuthEvents"],
    ["logGroup", "USER_NOTIFICATION", "userNotification"],
    ["s3", "UserActivity", "userAuthEvents"],
    ["firehose", "USER_ACTIVITY", "userAuthEvents"],
  ])("guided creation (%s) says 'did you mean' for %s too", (kind, spelled, meant) => {
    const errors = creationFieldErrors({ kind, eventSource: spelled });
    const error = errors.find((e) => e.path === "eventSource");
    expect(error?.message).toContain(`did you mean`);
    expect(error?.message).toContain(`(\`${meant}\`)?`);
  });

  it("an unrelated word lists both names, in the user's terms", () => {
    const message = EventSourceSchema.safeParse("bogus").error?.issues[0]?.message ?? "";
    expect(message).toContain("userNotification (message-delivery errors) or userAuthEvents (user activity)");
    expect(message).not.toMatch(RAW_LIBRARY_TEXT);
  });
});

describe("every zod issue kind has a message in the user's terms", () => {
  const cases: Array<[string, z.ZodType, unknown]> = [
    ["invalid_type (missing)", z.object({ a: z.string() }), {}],
    ["invalid_type (wrong)", z.object({ a: z.number() }), { a: "1" }],
    ["too_small string", z.string().min(3), "ab"],
    ["too_small empty", z.string().min(1), ""],
    ["too_small number", z.number().min(1), 0],
    ["too_small array", z.array(z.string()).min(2), ["a"]],
    ["too_big string", z.string().max(2), "abc"],
    ["too_big number", z.number().max(5), 6],
    ["invalid_format regex", z.string().regex(/^a+$/), "b"],
    ["invalid_format email", z.email(), "not-an-email"],
    ["invalid_format starts_with", z.string().startsWith("https://"), "http://x"],
    ["not_multiple_of", z.number().multipleOf(5), 7],
    ["unrecognized_keys", z.strictObject({ a: z.string() }), { a: "x", b: 1 }],
    ["invalid_union", z.union([z.string(), z.number()]), true],
    [
      "invalid_union (discriminator)",
      z.discriminatedUnion("kind", [z.object({ kind: z.literal("a") }), z.object({ kind: z.literal("b") })]),
      { kind: "c" },
    ],
    ["invalid_key", z.record(z.enum(["x", "y"]), z.string()), { z: "1" }],
    ["invalid_key (string pattern)", z.record(z.string().regex(/^[a-z]+$/), z.string()), { "A-1": "1" }],
    ["invalid_element", z.map(z.string(), z.number()), new Map([["a", "x"]])],
    ["invalid_value enum", z.enum(["ON", "OFF"]), "MAYBE"],
    ["invalid_value literal", z.literal("yes"), "no"],
    ["custom", z.string().refine((s) => s === "ok"), "nope"],
  ];

  it.each(cases)("%s", (_kind, schema, input) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    for (const issue of result.error?.issues ?? []) {
      expect(issue.message, JSON.stringify(issue)).not.toMatch(RAW_LIBRARY_TEXT);
      expect(issue.message.length).toBeGreaterThan(5);
    }
  });

  it("a query value that is not a number says so once (coerced to NaN, e.g. ?limit=abc)", () => {
    const message = z.coerce.number().int().safeParse("abc").error?.issues[0]?.message;
    expect(message).toBe("Expected a number; the value given is not one.");
    expect(message).not.toMatch(/not not/);
  });

  it("a missing discriminator says the field is required, never 'undefined'", () => {
    const schema = z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("logGroup") }),
      z.object({ kind: z.literal("s3") }),
    ]);
    const messages = schema.safeParse({}).error?.issues.map((i) => i.message) ?? [];
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).not.toMatch(/undefined/);
    expect(z.object({ a: z.enum(["x", "y"]) }).safeParse({}).error?.issues[0]?.message).toBe(
      "This field is required; use one of x, y.",
    );
  });

  it("keeps a schema's own message over the map", () => {
    expect(z.string().min(3, "Use three letters.").safeParse("a").error?.issues[0]?.message).toBe(
      "Use three letters.",
    );
  });

  it("says which keys to remove and which values are allowed", () => {
    expect(userTermsMessage({ code: "unrecognized_keys", keys: ["b"], input: {}, path: [] })).toBe(
      "Unknown field 'b': remove it.",
    );
    expect(z.enum(["ON", "OFF"]).safeParse("MAYBE").error?.issues[0]?.message).toBe(
      "'MAYBE' is not accepted here; use one of ON, OFF.",
    );
    expect(z.object({ a: z.string() }).safeParse({}).error?.issues[0]?.message).toBe(
      "This field is required.",
    );
  });
});

describe("OpenObserve access key", () => {
  const draft = (accessKey: string): CreationInputDraft => ({
    kind: "firehose",
    poolId: "eu-west-1_AbC123",
    eventSource: "userAuthEvents",
    streamName: "cognito-shop-user-activity",
    target: {
      type: "http",
      preset: "openobserve",
      url: "https://o2.example.com/aws/default/cognito/_kinesis_firehose",
      accessKey,
      backupBucket: { mode: "create", name: "cognito-failed-123456789012-shop" },
    },
  });

  it.each([
    ["base64 of user:passcode", btoa("you@example.com:passcode"), true],
    ["base64 with padding", btoa("a:bc"), true],
    ["base64 without a colon", btoa("secret-token"), false],
    ["base64 of ':passcode' (no user)", btoa(":passcode"), false],
    ["base64 of 'user:' (no passcode)", btoa("user:"), false],
    ["user:passcode not encoded", "you@example.com:passcode", false],
    ["not base64 at all", "not base64!", false],
    ["base64 without its padding", btoa("a:bc").replace(/=+$/, ""), false],
  ])("%s → %s", (_what, key, ok) => {
    expect(isBasicAuthToken(key)).toBe(ok);
    const errors = creationFieldErrors(draft(key));
    if (ok) expect(errors).toEqual([]);
    else
      expect(errors).toEqual([
        { path: "target.accessKey", message: expect.stringContaining("base64 of <user email>:<passcode>") },
      ]);
  });

  it("a plain user:passcode is told to encode it, with the command that does", () => {
    const [error] = creationFieldErrors(draft("you@example.com:passcode"));
    expect(error?.message).toContain("encode it first");
    expect(error?.message).toContain("| base64");
  });

  it("a key pasted from `base64` (wrapped at 76 columns, trailing newline) is accepted and sent without the line breaks", () => {
    const long = "someone.with.a.long.name@example-company.com:0123456789abcdefPASSCODE";
    const encoded = btoa(long);
    const pasted = `${encoded.slice(0, 76)}\n${encoded.slice(76)}\n`;
    expect(creationFieldErrors(draft(pasted))).toEqual([]);
    const parsed = parseCreationInput(draft(pasted));
    expect(parsed.ok).toBe(true);
    // What reaches Firehose's AccessKey (an HTTP header value): no whitespace OpenObserve would refuse.
    const target = parsed.ok && parsed.input.kind === "firehose" ? parsed.input.target : null;
    expect(target?.type === "http" ? target.accessKey : null).toBe(encoded);
  });

  it("the preset's field hint says what the key is", () => {
    expect(HTTP_PRESET_ACCESS_KEY_HINTS.openobserve).toContain("base64 of <user email>:<passcode>");
  });
});

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${NAME}` is the conformance file's own placeholder syntax
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { initialVars, loadConformance, substitute } from "../src/index.ts";

describe("conformance file support", () => {
  it("loads the shared file with its defaults and cases", () => {
    const conformance = loadConformance();
    expect(conformance.cases.length).toBeGreaterThan(0);
    expect(initialVars(conformance)).toEqual({
      ACCOUNT: conformance.defaults.account,
      REGION: conformance.defaults.region,
    });
  });

  it("refuses a file in another format, naming what is wrong", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "conformance-")), "log-delivery.json");
    writeFileSync(file, JSON.stringify({ defaults: { account: "1" }, cases: [] }));
    expect(() => loadConformance(file)).toThrow(/defaults\.region/);
  });

  it("replaces placeholders in every string, deep, and leaves other values alone", () => {
    const vars = { POOL: 'us-east-1_A"b', REGION: "eu-west-1" };
    expect(substitute({ id: "${POOL}", list: ["arn:${REGION}:${POOL}", 3, null, true] }, vars)).toEqual({
      id: 'us-east-1_A"b',
      list: ['arn:eu-west-1:us-east-1_A"b', 3, null, true],
    });
  });

  it("fails on a placeholder that was never saved", () => {
    expect(() => substitute({ a: "${MISSING}" }, {})).toThrow("${MISSING} used before it was saved");
  });
});

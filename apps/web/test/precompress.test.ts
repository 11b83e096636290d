// @vitest-environment node
import { randomBytes } from "node:crypto";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compressedCopies } from "../precompress.ts";

describe("the build's compressed copies", () => {
  it("writes a Brotli and a gzip copy that decode to the very same bytes", () => {
    const script = Buffer.from(
      `export const pools = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `us-east-1_${i}`))};`,
    );
    const copies = new Map(compressedCopies(script));
    expect([...copies.keys()]).toEqual([".br", ".gz"]);
    expect(brotliDecompressSync(copies.get(".br") as Buffer).equals(script)).toBe(true);
    expect(gunzipSync(copies.get(".gz") as Buffer).equals(script)).toBe(true);
    expect((copies.get(".br") as Buffer).length).toBeLessThan(script.length);
  });

  it("leaves small files and files compression would not shrink as they are", () => {
    expect(compressedCopies(Buffer.from("console.log(1)"))).toEqual([]);
    // Random bytes do not compress: neither copy would be smaller, so none is written.
    expect(compressedCopies(randomBytes(4096))).toEqual([]);
  });
});

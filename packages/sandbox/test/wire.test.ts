/** Pure pieces of the core: SigV4 scope parsing, aws-chunked decoding, AWS's constraint messages. */
import { describe, expect, it } from "vitest";
import { list, parseInput, renderValue, required, str, struct } from "../src/core/shapes.ts";
import { AwsError } from "../src/core/types.ts";
import { decodeAwsChunked, sigV4Scope } from "../src/core/wire.ts";

describe("sigV4Scope", () => {
  it("reads the region and service from the Authorization header or a presigned URL", () => {
    expect(
      sigV4Scope(
        "AWS4-HMAC-SHA256 Credential=AKID/20250101/eu-west-1/logs/aws4_request, SignedHeaders=host, Signature=abc",
        new URLSearchParams(),
      ),
    ).toEqual({
      accessKeyId: "AKID",
      date: "20250101",
      region: "eu-west-1",
      service: "logs",
    });
    expect(
      sigV4Scope(
        undefined,
        new URLSearchParams({ "X-Amz-Credential": "AKID/20250101/us-east-1/s3/aws4_request" }),
      )?.service,
    ).toBe("s3");
    expect(sigV4Scope("Bearer token", new URLSearchParams())).toBeUndefined();
    expect(sigV4Scope("AWS4-HMAC-SHA256 Credential=broken", new URLSearchParams())).toBeUndefined();
  });
});

describe("decodeAwsChunked", () => {
  it("joins signed and unsigned chunks and drops trailers", () => {
    const body = Buffer.from(
      "5;chunk-signature=aa\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n",
    );
    expect(decodeAwsChunked(body)?.toString()).toBe("hello world");
  });

  it("refuses broken framing", () => {
    expect(decodeAwsChunked(Buffer.from("ff\r\nshort"))).toBeUndefined();
    expect(decodeAwsChunked(Buffer.from("zz\r\n"))).toBeUndefined();
  });
});

describe("shapes", () => {
  const Entry = struct("EntryType", { Level: required(str({ enum: ["B", "A"] })), Note: str({ max: 3 }) });
  const Request = struct("Request", { Entries: required(list(Entry, { max: 1 })) });

  it("prints values like Java's toString, absent members as null", () => {
    expect(renderValue(list(Entry), [{ Level: "A" }, { Level: "B", Note: "x" }])).toBe(
      "[EntryType(level=A, note=null), EntryType(level=B, note=x)]",
    );
  });

  it("puts a list's own violation before its elements', with 1-based member paths", () => {
    expect(() => parseInput(Request, { Entries: [{ Level: "C", Note: "long" }, {}] })).toThrow(
      new AwsError(
        "InvalidParameterException",
        "4 validation errors detected: " +
          "Value '[EntryType(level=C, note=long), EntryType(level=null, note=null)]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 1; " +
          "Value 'C' at 'entries.1.member.level' failed to satisfy constraint: Member must satisfy enum value set: [A, B]; " +
          "Value 'long' at 'entries.1.member.note' failed to satisfy constraint: Member must have length less than or equal to 3; " +
          "Value null at 'entries.2.member.level' failed to satisfy constraint: Member must not be null",
      ),
    );
  });

  it("answers a wrong JSON type with SerializationException, before any constraint", () => {
    try {
      parseInput(Request, { Entries: "nope" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AwsError);
      expect((error as AwsError).code).toBe("SerializationException");
    }
  });
});

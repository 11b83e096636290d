import { beforeEach, describe, expect, it } from "vitest";
import type { RestResponse } from "../src/core/types.ts";
import { createS3Service } from "../src/services/s3/index.ts";
import { awsErrorOf, type FakeContext, fakeContext } from "./services-context.ts";

const location = (region: string) =>
  `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`;

describe("s3 service", () => {
  let s3: ReturnType<typeof createS3Service>;
  let ctx: FakeContext;
  const request = (
    method: string,
    target: string,
    options: { body?: string | Buffer; headers?: Record<string, string>; context?: FakeContext } = {},
  ): RestResponse => {
    const url = new URL(target, "http://s3.local");
    const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body);
    return s3.handle(
      {
        method,
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        headers: options.headers ?? {},
        body,
      },
      options.context ?? ctx,
    );
  };
  const text = (answer: RestResponse) => (answer.body === undefined ? "" : answer.body.toString());

  beforeEach(() => {
    s3 = createS3Service();
    ctx = fakeContext();
  });

  describe("CreateBucket", () => {
    it("applies the location-constraint rules of us-east-1 and other regions", () => {
      expect(request("PUT", "/logs-east").status).toBe(200);
      expect(awsErrorOf(() => request("PUT", "/x-east", { body: location("us-east-1") })).code).toBe(
        "InvalidLocationConstraint",
      );
      const eu = ctx.as({ region: "eu-west-1" });
      const missing = awsErrorOf(() => request("PUT", "/logs-eu", { context: eu }));
      expect(missing.code).toBe("IllegalLocationConstraintException");
      expect(missing.message).toContain("unspecified location constraint");
      expect(
        awsErrorOf(() => request("PUT", "/logs-eu", { context: eu, body: location("eu-central-1") })).code,
      ).toBe("IllegalLocationConstraintException");
      expect(request("PUT", "/logs-eu", { context: eu, body: location("eu-west-1") }).status).toBe(200);
      expect(awsErrorOf(() => request("PUT", "/bad", { context: eu, body: "<nope" })).code).toBe(
        "MalformedXML",
      );
    });

    it("validates names and reports who owns an existing bucket", () => {
      for (const bad of ["ab", "Upper", "a..b", "192.168.1.1", "-start", "xn--x", "x".repeat(64)]) {
        const error = awsErrorOf(() => request("PUT", `/${bad}`));
        expect(error.code, bad).toBe("InvalidBucketName");
        expect(error.extra.BucketName).toBe(bad);
      }
      request("PUT", "/taken");
      expect(
        awsErrorOf(() => request("PUT", "/taken", { context: ctx.as({ accountId: "210987654321" }) })).code,
      ).toBe("BucketAlreadyExists");
      // us-east-1 keeps AWS's legacy 200 for your own bucket; elsewhere it is an error.
      expect(request("PUT", "/taken").status).toBe(200);
      const eu = ctx.as({ region: "eu-west-1" });
      request("PUT", "/mine-eu", { context: eu, body: location("eu-west-1") });
      const again = awsErrorOf(() =>
        request("PUT", "/mine-eu", { context: eu, body: location("eu-west-1") }),
      );
      expect(again.code).toBe("BucketAlreadyOwnedByYou");
      expect(again.status).toBe(409);
    });
  });

  describe("bucket facts", () => {
    beforeEach(() => {
      request("PUT", "/east-bucket");
      request("PUT", "/eu-bucket", { context: ctx.as({ region: "eu-west-1" }), body: location("eu-west-1") });
    });

    it("answers HeadBucket and GetBucketLocation from any region", () => {
      expect(request("HEAD", "/eu-bucket").headers?.["x-amz-bucket-region"]).toBe("eu-west-1");
      expect(request("HEAD", "/nope")).toEqual({ status: 404 });
      expect(text(request("GET", "/east-bucket?location"))).toContain(
        '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>',
      );
      expect(text(request("GET", "/eu-bucket?location"))).toContain(">eu-west-1</LocationConstraint>");
    });

    it("redirects other operations signed for the wrong region", () => {
      const error = awsErrorOf(() => request("GET", "/eu-bucket?policy"));
      expect(error.code).toBe("PermanentRedirect");
      expect(error.status).toBe(301);
    });

    it("lists buckets with regions, prefix, region filter and paging", () => {
      request("PUT", "/east-other");
      const all = text(request("GET", "/"));
      expect(all).toContain("<Name>eu-bucket</Name>");
      expect(all).toContain("<BucketRegion>eu-west-1</BucketRegion>");
      expect(text(request("GET", "/?bucket-region=eu-west-1"))).not.toContain("east-bucket");
      expect(text(request("GET", "/?prefix=east-"))).not.toContain("eu-bucket");
      const first = text(request("GET", "/?max-buckets=2"));
      const token = /<ContinuationToken>([^<]+)</.exec(first)?.[1];
      expect(token).toBeDefined();
      const second = text(request("GET", `/?max-buckets=2&continuation-token=${token}`));
      expect(second).toContain("<Name>eu-bucket</Name>");
      expect(second).not.toContain("<ContinuationToken>");
      expect(awsErrorOf(() => request("GET", "/?max-buckets=0")).code).toBe("InvalidArgument");
      expect(text(request("GET", "/", { context: ctx.as({ accountId: "210987654321" }) }))).not.toContain(
        "<Bucket>",
      );
    });

    it("stores bucket policies and rejects malformed ones", () => {
      const missing = awsErrorOf(() => request("GET", "/east-bucket?policy"));
      expect([missing.code, missing.status]).toEqual(["NoSuchBucketPolicy", 404]);
      expect(awsErrorOf(() => request("PUT", "/east-bucket?policy", { body: "[]" })).code).toBe(
        "MalformedPolicy",
      );
      expect(awsErrorOf(() => request("PUT", "/east-bucket?policy", { body: "{nope" })).code).toBe(
        "MalformedPolicy",
      );
      const policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::east-bucket/*" },
        ],
      });
      expect(request("PUT", "/east-bucket?policy", { body: policy }).status).toBe(204);
      expect(text(request("GET", "/east-bucket?policy"))).toBe(policy);
      request("DELETE", "/east-bucket?policy");
      expect(awsErrorOf(() => request("GET", "/east-bucket?policy")).code).toBe("NoSuchBucketPolicy");
    });

    it("answers default encryption and public access block, and stores lifecycle and tags", () => {
      expect(text(request("GET", "/east-bucket?encryption"))).toContain(
        "<SSEAlgorithm>AES256</SSEAlgorithm>",
      );
      expect(text(request("GET", "/east-bucket?publicAccessBlock"))).toContain(
        "<BlockPublicAcls>true</BlockPublicAcls>",
      );
      request("PUT", "/east-bucket?publicAccessBlock", {
        body: "<PublicAccessBlockConfiguration><BlockPublicAcls>false</BlockPublicAcls></PublicAccessBlockConfiguration>",
      });
      expect(text(request("GET", "/east-bucket?publicAccessBlock"))).toContain(
        "<BlockPublicPolicy>false</BlockPublicPolicy>",
      );
      expect(awsErrorOf(() => request("GET", "/east-bucket?lifecycle")).code).toBe(
        "NoSuchLifecycleConfiguration",
      );
      request("PUT", "/east-bucket?lifecycle", {
        body: "<LifecycleConfiguration><Rule><ID>expire</ID><Filter><Prefix>AWSLogs/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>90</Days></Expiration></Rule></LifecycleConfiguration>",
      });
      const lifecycle = text(request("GET", "/east-bucket?lifecycle"));
      expect(lifecycle).toContain("<ID>expire</ID>");
      expect(lifecycle).toContain("<Days>90</Days>");
      expect(
        awsErrorOf(() =>
          request("PUT", "/east-bucket?lifecycle", {
            body: "<LifecycleConfiguration><Rule><Status>Enabled</Status><Expiration><Days>0</Days></Expiration></Rule></LifecycleConfiguration>",
          }),
        ).code,
      ).toBe("InvalidArgument");
      expect(awsErrorOf(() => request("GET", "/east-bucket?tagging")).code).toBe("NoSuchTagSet");
      request("PUT", "/east-bucket?tagging", {
        body: "<Tagging><TagSet><Tag><Key>purpose</Key><Value>cognito-logs</Value></Tag></TagSet></Tagging>",
      });
      expect(text(request("GET", "/east-bucket?tagging"))).toContain(
        "<Key>purpose</Key><Value>cognito-logs</Value>",
      );
      expect(
        awsErrorOf(() =>
          request("PUT", "/east-bucket?tagging", {
            body: "<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>a</Key><Value>2</Value></Tag></TagSet></Tagging>",
          }),
        ).code,
      ).toBe("InvalidTag");
    });
  });

  describe("objects", () => {
    beforeEach(() => {
      request("PUT", "/obj-bucket");
    });

    it("puts, gets, lists with paging and delimiters, and blocks deleting a non-empty bucket", () => {
      for (const key of ["AWSLogs/1/a.json", "AWSLogs/1/b.json", "AWSLogs/2/c.json", "top.txt"]) {
        const put = request("PUT", `/obj-bucket/${key}`, {
          body: `body of ${key}`,
          headers: { "content-type": "application/json" },
        });
        expect(put.headers?.etag).toMatch(/^"[0-9a-f]{32}"$/);
      }
      const got = request("GET", "/obj-bucket/AWSLogs/1/a.json");
      expect(text(got)).toBe("body of AWSLogs/1/a.json");
      expect(got.headers?.["content-type"]).toBe("application/json");
      expect(awsErrorOf(() => request("GET", "/obj-bucket/missing")).code).toBe("NoSuchKey");

      const page1 = text(request("GET", "/obj-bucket?list-type=2&prefix=AWSLogs/&max-keys=2"));
      expect(page1).toContain("<KeyCount>2</KeyCount>");
      expect(page1).toContain("<IsTruncated>true</IsTruncated>");
      const token = /<NextContinuationToken>([^<]+)</.exec(page1)?.[1] ?? "";
      const page2 = text(
        request("GET", `/obj-bucket?list-type=2&prefix=AWSLogs/&max-keys=2&continuation-token=${token}`),
      );
      expect(page2).toContain("<Key>AWSLogs/2/c.json</Key>");
      expect(page2).toContain("<IsTruncated>false</IsTruncated>");
      const grouped = text(request("GET", "/obj-bucket?list-type=2&prefix=AWSLogs/&delimiter=/"));
      expect(grouped.match(/<CommonPrefixes>/g)?.length).toBe(2);

      expect(awsErrorOf(() => request("DELETE", "/obj-bucket")).code).toBe("BucketNotEmpty");
    });

    it("decodes aws-chunked bodies and checks the checksums the SDK sends", () => {
      const payload = "hello chunked world";
      const chunked = `${payload.length.toString(16)}\r\n${payload}\r\n0\r\nx-amz-checksum-crc32:ignored\r\n\r\n`;
      request("PUT", "/obj-bucket/chunked", {
        body: chunked,
        headers: {
          "content-encoding": "aws-chunked",
          "x-amz-decoded-content-length": String(payload.length),
        },
      });
      expect(text(request("GET", "/obj-bucket/chunked"))).toBe(payload);
      expect(
        awsErrorOf(() =>
          request("PUT", "/obj-bucket/bad", { body: "abc", headers: { "x-amz-checksum-sha256": "AAAA" } }),
        ).code,
      ).toBe("BadDigest");
      const sha = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=";
      expect(
        request("PUT", "/obj-bucket/good", { body: "abc", headers: { "x-amz-checksum-sha256": sha } }).status,
      ).toBe(200);
    });
  });

  it("round-trips its state through a JSON snapshot", () => {
    request("PUT", "/persisted");
    request("PUT", "/persisted/k", { body: Buffer.from([0, 1, 2, 255]) });
    const again = createS3Service();
    again.restore(JSON.parse(JSON.stringify(s3.snapshot())));
    const url = new URL("http://x/persisted/k");
    const answer = again.handle(
      { method: "GET", path: url.pathname, query: url.searchParams, headers: {}, body: Buffer.alloc(0) },
      ctx,
    );
    expect(answer.body).toEqual(Buffer.from([0, 1, 2, 255]));
  });
});

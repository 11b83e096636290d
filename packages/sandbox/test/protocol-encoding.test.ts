/** The core's protocol encoders on plain data: what a service returns becomes AWS's bytes. */
import { describe, expect, it } from "vitest";
import { encodeError } from "../src/core/protocols/errors.ts";
import { decodeQuery, encodeQueryAnswer } from "../src/core/protocols/query.ts";
import { decodeRestBody, encodeRestAnswer, parseXmlBody } from "../src/core/protocols/rest-xml.ts";
import { AwsError } from "../src/core/types.ts";
import { awsErrorOf } from "./services-context.ts";

const S3 = "http://s3.amazonaws.com/doc/2006-03-01/";

describe("awsQuery", () => {
  it("reads the action, version and parameters of a form body", () => {
    expect(decodeQuery(Buffer.from("Action=GetRole&Version=2010-05-08&RoleName=a%20b"))).toEqual({
      action: "GetRole",
      version: "2010-05-08",
      params: { RoleName: "a b" },
    });
  });

  it("writes lists as <member> items, dates in ISO 8601, and leaves out absent members and results", () => {
    const answer = encodeQueryAnswer(
      "ListRoles",
      { Roles: [{ RoleName: "a", CreateDate: new Date(0) }, { RoleName: "b&c" }], Marker: undefined },
      "https://iam.amazonaws.com/doc/2010-05-08/",
      "req-1",
    );
    expect(answer.body).toBe(
      '<ListRolesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRolesResult><Roles>' +
        "<member><RoleName>a</RoleName><CreateDate>1970-01-01T00:00:00.000Z</CreateDate></member>" +
        "<member><RoleName>b&amp;c</RoleName></member></Roles></ListRolesResult>" +
        "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListRolesResponse>",
    );
    expect(encodeQueryAnswer("DeleteRole", undefined, "ns", "req-2").body).toBe(
      '<DeleteRoleResponse xmlns="ns"><ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata></DeleteRoleResponse>',
    );
  });

  it("writes errors as an ErrorResponse, Receiver for server faults", () => {
    const call = {
      protocol: "query",
      signingName: "iam",
      operation: "X",
      requestId: "r",
      method: "POST",
    } as const;
    expect(encodeError({ ...call, xmlns: "ns" }, new AwsError("InternalFailure", "boom", 500)).body).toBe(
      '<ErrorResponse xmlns="ns"><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>boom</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    );
  });
});

describe("REST-XML", () => {
  it("writes flattened lists as repeated elements, wrapped lists under their member name, null as an empty root", () => {
    const listing = encodeRestAnswer(
      {
        status: 200,
        document: {
          root: "ListBucketResult",
          content: {
            Name: "b",
            Contents: [{ Key: "1" }, { Key: "2" }],
            TagSet: { Tag: [] },
            IsTruncated: false,
          },
        },
      },
      S3,
    );
    expect(listing.headers).toEqual({ "content-type": "application/xml" });
    expect(listing.body).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${S3}"><Name>b</Name><Contents><Key>1</Key></Contents><Contents><Key>2</Key></Contents><TagSet></TagSet><IsTruncated>false</IsTruncated></ListBucketResult>`,
    );
    expect(
      encodeRestAnswer({ status: 200, document: { root: "LocationConstraint", content: null } }, S3).body,
    ).toBe(`<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3}"/>`);
    expect(encodeRestAnswer({ status: 404 }, S3)).toEqual({ status: 404 });
  });

  it("writes errors with their extra members before the request id, and no body for HEAD", () => {
    const call = {
      protocol: "rest",
      signingName: "s3",
      operation: "GetObject",
      requestId: "r",
      method: "GET",
    } as const;
    const error = new AwsError("NoSuchKey", "The specified key does not exist.", 404, { Key: "a<b" });
    expect(encodeError(call, error).body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>a&lt;b<\/Key><RequestId>r<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/,
    );
    expect(encodeError({ ...call, method: "HEAD" }, error).body).toBeUndefined();
  });

  it("reads request documents: repeated elements as arrays, MalformedXML for another root or broken XML", () => {
    const body = Buffer.from(
      `<Tagging xmlns="${S3}"><TagSet><Tag><Key>k</Key><Value>1</Value></Tag></TagSet></Tagging>`,
    );
    expect(parseXmlBody({ body }, "Tagging", new Set(["Tag"]))).toEqual({
      TagSet: { Tag: [{ Key: "k", Value: "1" }] },
    });
    expect(awsErrorOf(() => parseXmlBody({ body }, "LifecycleConfiguration")).code).toBe("MalformedXML");
    expect(awsErrorOf(() => parseXmlBody({ body: Buffer.from("<Tagging>") }, "Tagging")).code).toBe(
      "MalformedXML",
    );
  });

  it("removes aws-chunked framing and the aws-chunked content encoding", () => {
    const framed = Buffer.from("5;chunk-signature=x\r\nhello\r\n0\r\n\r\n");
    const decoded = decodeRestBody({ "content-encoding": "aws-chunked,gzip" }, framed);
    expect(decoded.body.toString()).toBe("hello");
    expect(decoded.headers["content-encoding"]).toBe("gzip");
    expect(
      awsErrorOf(() => decodeRestBody({ "content-encoding": "aws-chunked" }, Buffer.from("zz\r\n"))).code,
    ).toBe("IncompleteBody");
  });
});

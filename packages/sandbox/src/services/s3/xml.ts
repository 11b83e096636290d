/** Reading the small XML documents S3 receives, and writing its answers. */
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { AwsError } from "../../core/types.ts";
import { xmlEscape } from "../../core/wire.ts";

export const S3_XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

/** Elements that may repeat in the documents we read; always parsed as arrays. */
const REPEATED = new Set(["Rule", "Tag", "Transition", "NoncurrentVersionTransition"]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  removeNSPrefix: true,
  isArray: (name) => REPEATED.has(name),
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  suppressEmptyNode: false,
});

export function malformedXml(): AwsError {
  return new AwsError(
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema",
  );
}

/** The document's root element's content, or MalformedXML when it is not XML or the root is another element. */
export function parseXmlBody(body: Buffer, root: string): Record<string, unknown> {
  const text = body.toString("utf8").trim();
  if (text === "" || XMLValidator.validate(text) !== true) throw malformedXml();
  const doc = parser.parse(text) as Record<string, unknown>;
  const content = doc[root];
  if (content === undefined) throw malformedXml();
  if (content === "") return {};
  if (typeof content !== "object" || content === null || Array.isArray(content)) throw malformedXml();
  return content as Record<string, unknown>;
}

/** Write back a document we stored in parsed form (lifecycle rules), under a root with S3's namespace. */
export function buildXml(root: string, content: Record<string, unknown>): string {
  return xmlDocument(builder.build({ [root]: { "@_xmlns": S3_XMLNS, ...content } }) as string);
}

export function xmlDocument(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${inner}`;
}

/** `<Name>text</Name>` for present values; nested elements are passed already rendered via `raw`. */
export function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? "" : `<${name}>${xmlEscape(String(value))}</${name}>`;
}

export function raw(name: string, inner: string): string {
  return `<${name}>${inner}</${name}>`;
}

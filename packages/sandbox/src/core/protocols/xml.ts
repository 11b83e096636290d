/**
 * XML in both directions with fast-xml-parser, for the two XML protocols (awsQuery answers, S3's
 * REST-XML answers and request bodies). Services hand the core plain data; this file turns it into
 * elements, so no service writes XML text.
 */
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * An answer as plain data: an object's keys are the model's member names, written in the model's
 * order (element order on the wire follows insertion order). `undefined` leaves the element out,
 * `null` writes it empty (`<Name/>`), `""` writes `<Name></Name>`, a `Date` is written in ISO 8601
 * with milliseconds (`2024-01-01T00:00:00.000Z`, as AWS writes timestamps in XML). How an array is
 * written depends on the protocol (awsQuery: `<member>` items; REST-XML: one element per item).
 */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlObject | readonly XmlValue[];
export interface XmlObject {
  readonly [name: string]: XmlValue;
}

/** How arrays are written: `member` wraps each item in `<member>` (awsQuery's non-flattened lists), `item` in `<item>` (EC2's); `flattened` repeats the element itself (S3's `<Contents>`, `<Rule>`). */
export type ListStyle = "member" | "item" | "flattened";

const OPTIONS = { ignoreAttributes: false, attributeNamePrefix: "@_", format: false } as const;
const builder = new XMLBuilder({ ...OPTIONS, suppressEmptyNode: false });
/** Only for a root with no content: S3 answers `<LocationConstraint xmlns="…"/>` self-closed. */
const emptyRootBuilder = new XMLBuilder({ ...OPTIONS, suppressEmptyNode: true });

/** Plain data → fast-xml-parser's object form (Dates as text, arrays by list style, no `undefined`). */
function prepare(value: XmlValue, lists: ListStyle): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const items = value.map((item) => prepare(item, lists));
    return lists === "flattened" ? items : { [lists]: items };
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value as XmlObject)) {
      if (member !== undefined) out[name] = prepare(member, lists);
    }
    return out;
  }
  return value;
}

/**
 * `<root xmlns="…">content</root>` without whitespace or declaration. Text is escaped (`& < > ' "`).
 * Content `null` or an empty object gives a self-closed root; a string gives the root's text.
 */
export function buildXml(
  root: string,
  content: XmlObject | string | null,
  options: { xmlns?: string | undefined; lists: ListStyle },
): string {
  const attributes = options.xmlns === undefined ? {} : { "@_xmlns": options.xmlns };
  if (content === null || (typeof content === "object" && Object.keys(content).length === 0)) {
    return emptyRootBuilder.build({ [root]: attributes }) as string;
  }
  const inner =
    typeof content === "string" ? { "#text": content } : (prepare(content, options.lists) as object);
  return builder.build({ [root]: { ...attributes, ...inner } }) as string;
}

/**
 * The content of a request document's root element, with text values as strings (no number or
 * boolean guessing: the service reads them as its model says), namespace prefixes removed, and the
 * elements named in `repeated` always as arrays. `""` when the root is empty; undefined when the text
 * is not well-formed XML or its root is another element.
 */
export function parseXmlDocument(
  text: string,
  root: string,
  repeated: ReadonlySet<string>,
): Record<string, unknown> | "" | undefined {
  if (text === "" || XMLValidator.validate(text) !== true) return undefined;
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    removeNSPrefix: true,
    isArray: (name) => repeated.has(name),
  });
  const content = (parser.parse(text) as Record<string, unknown>)[root];
  if (content === "") return "";
  if (typeof content !== "object" || content === null || Array.isArray(content)) return undefined;
  return content as Record<string, unknown>;
}

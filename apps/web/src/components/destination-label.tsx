import type { DestinationKind } from "@clc/domain";
// Not the package root: it loads every zod schema, which the fleet table does not need.
import { destinationName } from "@clc/domain/arn";
import { DESTINATION_KIND_LABELS } from "@clc/domain/labels";

const KIND_ICONS: Record<DestinationKind, string> = { logGroup: "CW", firehose: "FH", s3: "S3" };

/** A name without slashes keeps this many characters visible at its end when it must be shortened. */
const KEPT_END_CHARACTERS = 10;

/** The short glyph for a destination kind, with its full name for screen readers and on hover. */
export function KindIcon({ kind }: { kind: DestinationKind }) {
  return (
    <span className={`kind-icon kind-${kind}`} title={DESTINATION_KIND_LABELS[kind]} aria-hidden="true">
      {KIND_ICONS[kind]}
    </span>
  );
}

/**
 * Where a destination name may give way when its column is narrow. Log group names share long
 * prefixes (`/aws/vendedlogs/cognito/…`) and differ at the end, so the end is kept: the last two path
 * segments, or for a name without slashes its last few characters. `head` is "" when nothing should go.
 */
export function splitDestinationName(name: string): { head: string; tail: string } {
  const segments = name.split("/");
  if (segments.length > 3) {
    const tail = segments.slice(-2).join("/");
    return { head: name.slice(0, name.length - tail.length), tail };
  }
  if (!name.includes("/") && name.length > 2 * KEPT_END_CHARACTERS) {
    return { head: name.slice(0, -KEPT_END_CHARACTERS), tail: name.slice(-KEPT_END_CHARACTERS) };
  }
  return { head: "", tail: name };
}

export function DestinationLabelView({
  destination,
  kindSaid = false,
}: {
  destination: { kind: DestinationKind; arn: string; name?: string } | null;
  /** The text right beside it names the kind already: screen readers then hear it once, not twice. */
  kindSaid?: boolean;
}) {
  if (!destination) return <span className="muted">Not exported</span>;
  const name = destination.name ?? destinationName(destination.arn);
  const { head, tail } = splitDestinationName(name);
  // The whole name stays in the text (screen readers, copy, search); it is only shortened on screen.
  return (
    <span className="destination-label" title={destination.arn}>
      <KindIcon kind={destination.kind} />
      {!kindSaid && <span className="visually-hidden">{DESTINATION_KIND_LABELS[destination.kind]}: </span>}
      <span className="destination-name">
        {head && <span className="destination-name-head">{head}</span>}
        <span className="destination-name-tail">{tail}</span>
      </span>
    </span>
  );
}

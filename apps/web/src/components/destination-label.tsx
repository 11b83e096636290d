import { DESTINATION_KIND_LABELS, type DestinationKind, destinationName } from "@clc/domain";

const KIND_ICONS: Record<DestinationKind, string> = { logGroup: "CW", firehose: "FH", s3: "S3" };

/** The short glyph for a destination kind, with its full name for screen readers and on hover. */
export function KindIcon({ kind }: { kind: DestinationKind }) {
  return (
    <span className={`kind-icon kind-${kind}`} title={DESTINATION_KIND_LABELS[kind]} aria-hidden="true">
      {KIND_ICONS[kind]}
    </span>
  );
}

export function DestinationLabelView({
  destination,
}: {
  destination: { kind: DestinationKind; arn: string; name?: string } | null;
}) {
  if (!destination) return <span className="muted">Not exported</span>;
  const name = destination.name ?? destinationName(destination.arn);
  return (
    <span className="destination-label" title={destination.arn}>
      <KindIcon kind={destination.kind} />
      <span className="visually-hidden">{DESTINATION_KIND_LABELS[destination.kind]}: </span>
      <span className="destination-name">{name}</span>
    </span>
  );
}

import { type BatchCreate, EVENT_SOURCE_LABELS } from "@clc/domain";

/** The destinations a standard batch creates for one pool before writing it. */
export function BatchCreates({ creates }: { creates: readonly BatchCreate[] }) {
  return (
    <div className="batch-creates">
      <p className="small">
        <strong>To create before the write</strong> (tagged as the console's, log delivery allowed):
      </p>
      <ul>
        {creates.map((c) => (
          <li key={c.arn}>
            {EVENT_SOURCE_LABELS[c.eventSource]}: log group <span className="mono break-all">{c.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

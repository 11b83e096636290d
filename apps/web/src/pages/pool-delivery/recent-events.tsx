import type { DeliveredEvent } from "@clc/domain";
import { Timestamp } from "../../components/timestamp.tsx";

/**
 * Row keys from the records' content (they carry no id common to every shape), with a count for
 * identical records, so a polled list that gains rows at the top keeps the rows it had.
 */
function rowKeys(events: DeliveredEvent[]): string[] {
  const seen = new Map<string, number>();
  return events.map((e) => {
    const content = JSON.stringify(e);
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    return `${content}#${n}`;
  });
}

/** The most recent records, newest first, in the user's terms (what each event source's records carry). */
export function RecentEvents({ events, caption }: { events: DeliveredEvent[]; caption: string }) {
  if (events.length === 0) return null;
  const activity = events.some((e) => e.kind === "userActivity");
  const keys = rowKeys(events);
  return (
    <div className="table-scroll delivery-events">
      <table className="data-table">
        <caption className="muted small">{caption}</caption>
        <thead>
          {activity ? (
            <tr>
              <th scope="col" className="delivery-time">
                Time
              </th>
              <th scope="col">Event</th>
              <th scope="col">User</th>
              <th scope="col">IP and place</th>
              <th scope="col">Risk decision</th>
              <th scope="col">Outcome</th>
            </tr>
          ) : (
            <tr>
              <th scope="col" className="delivery-time">
                Time
              </th>
              <th scope="col">Details</th>
            </tr>
          )}
        </thead>
        <tbody>
          {events.map((e, i) => (
            <tr key={keys[i]}>
              <td>{e.at ? <Timestamp iso={e.at} /> : "—"}</td>
              {e.kind === "userActivity" ? (
                <>
                  <td>{e.eventType ?? "—"}</td>
                  <td className="mono">{e.user ?? "—"}</td>
                  <td>
                    <span className="mono">{e.ipAddress ?? "—"}</span>
                    {e.place ? <span className="muted"> · {e.place}</span> : null}
                  </td>
                  <td>
                    {e.riskDecision ?? "—"}
                    {e.riskLevel ? <span className="muted"> ({e.riskLevel})</span> : null}
                  </td>
                  <td>{e.outcome ?? "—"}</td>
                </>
              ) : (
                <td colSpan={activity ? 5 : 1} className={e.kind === "unread" ? "mono small" : undefined}>
                  {e.kind === "notification" ? (e.details ?? "—") : e.raw}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

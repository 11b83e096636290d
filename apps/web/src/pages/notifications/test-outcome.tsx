/**
 * A webhook test's outcome as it stands (issue 19): the first attempt's answer, then, while the BFF
 * retries in the background, each later attempt of the same event read from the webhook's attempts,
 * so the card ends on the final outcome (delivered on attempt n, or given up) rather than on the
 * first failure.
 */
import type { WebhookAttempt } from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { fetchAttempts, webhookKeys } from "../../api/notifications/queries.ts";

/** Reads again a little after the retry is due (ms), so the retry's record is there. */
const AFTER_RETRY_MS = 250;

/** A wait in the user's terms: "250 ms", "2 s". */
export function formatWait(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** The test event's attempts, first to last: `first` and any later ones among `listed`. */
export function testAttempts(
  first: WebhookAttempt,
  listed: readonly WebhookAttempt[] | undefined,
): WebhookAttempt[] {
  const byNumber = new Map<number, WebhookAttempt>([[first.attempt, first]]);
  for (const a of listed ?? []) if (a.eventId === first.eventId) byNumber.set(a.attempt, a);
  return [...byNumber.values()].sort((a, b) => a.attempt - b.attempt);
}

/** What the latest attempt means for the whole test, in one sentence. */
export function testOutcomeText(latest: WebhookAttempt): string {
  if (latest.ok) {
    const on = latest.attempt === 1 ? "" : ` on attempt ${latest.attempt}`;
    return `Delivered${on}: the receiver answered HTTP ${latest.statusCode}.`;
  }
  const what = latest.error ?? "no answer";
  if (latest.retryInMs !== null) {
    const lead = latest.attempt === 1 ? "Not delivered" : `Attempt ${latest.attempt} not delivered`;
    return `${lead}: ${what} Retrying in ${formatWait(latest.retryInMs)}.`;
  }
  const after = latest.attempt === 1 ? "" : ` after ${latest.attempt} attempts`;
  return `Not delivered${after}: ${what} No more retries.`;
}

export function TestOutcome({ webhookId, first }: { webhookId: string; first: WebhookAttempt }) {
  // The same query as the card's attempt list (one cache entry), read while a retry is pending.
  const attempts = useQuery({
    queryKey: webhookKeys.attempts(webhookId),
    queryFn: ({ signal }) => fetchAttempts(webhookId, signal),
    enabled: first.retryInMs !== null,
    refetchInterval: (query) => {
      const latest = testAttempts(first, query.state.data).at(-1);
      return latest && latest.retryInMs !== null ? latest.retryInMs + AFTER_RETRY_MS : false;
    },
  });
  const all = testAttempts(first, attempts.data);
  const latest = all.at(-1) ?? first;
  return (
    <>
      <p className={latest.ok ? "alert alert-ok" : "alert alert-error"} role="status">
        {testOutcomeText(latest)}
      </p>
      {all.length > 1 && (
        <ol className="test-attempts small" aria-label="This test's attempts">
          {all.map((a) => (
            <li key={a.attempt}>
              Attempt {a.attempt}: {a.ok ? `HTTP ${a.statusCode}, delivered.` : (a.error ?? "no answer")}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

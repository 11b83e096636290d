import {
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  type WebhookAttempt,
  type WebhookEventType,
  type WebhookFormat,
  type WebhookView,
} from "@clc/domain";
import { type FormEvent, useId, useState } from "react";
import { isApiProblem } from "../../api/http.ts";
import {
  useAddWebhook,
  useAttempts,
  useRemoveWebhook,
  useTestWebhook,
  useUpdateWebhook,
  useWebhooks,
} from "../../api/notifications/queries.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { BusyButton } from "../../components/busy-button.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { describedBy, Field } from "../../components/form-field.tsx";
import { PageLoading } from "../../components/page-loading.tsx";
import { ProblemMessage, QueryProblem } from "../../components/problem-message.tsx";
import { Timestamp } from "../../components/timestamp.tsx";
import { useDocumentTitle } from "../../components/use-document-title.ts";
import "./notifications.css";
import { formatWait, TestOutcome } from "./test-outcome.tsx";

const FORMAT_TEXT: Record<WebhookFormat, string> = {
  generic: "JSON (the event as JSON)",
  slack: "Slack (incoming webhook)",
};

/** Webhooks the console notifies (admins): add, choose events, send a test, see each attempt. */
export function NotificationsPage() {
  useDocumentTitle("Notifications");
  const admin = useCanWrite();
  if (!admin) {
    return (
      <div className="page">
        <h1>Notifications</h1>
        <p>Only admins see and change where notifications go.</p>
      </div>
    );
  }
  return <Webhooks />;
}

function Webhooks() {
  const webhooks = useWebhooks();
  if (webhooks.isPending) return <PageLoading what="webhooks" />;
  return (
    <div className="page page-notifications">
      <div className="page-header">
        <h1>Notifications</h1>
        {webhooks.data && (
          <span className="muted">
            {webhooks.data.length} {webhooks.data.length === 1 ? "webhook" : "webhooks"}
          </span>
        )}
      </div>
      <p className="muted">
        The console posts to these webhooks when something changes for the worse, once per change (not at
        every read), and retries a failed delivery a few times. A webhook's address is shown only as its host
        and the end of its secret: keep the full address where you got it.
      </p>
      {webhooks.isError ? (
        <QueryProblem query={webhooks} title="Could not list the webhooks" />
      ) : (
        <ul className="webhook-list" aria-label="Webhooks">
          {webhooks.data.map((webhook) => (
            <li key={webhook.id}>
              <WebhookCard webhook={webhook} />
            </li>
          ))}
        </ul>
      )}
      <AddWebhookForm />
    </div>
  );
}

function EventChoices({
  legend,
  chosen,
  onChange,
}: {
  legend: string;
  chosen: readonly WebhookEventType[];
  onChange: (events: WebhookEventType[]) => void;
}) {
  return (
    <fieldset className="webhook-events">
      <legend>{legend}</legend>
      {WEBHOOK_EVENT_TYPES.map((type) => (
        <label key={type}>
          <input
            type="checkbox"
            checked={chosen.includes(type)}
            onChange={(event) =>
              onChange(event.target.checked ? [...chosen, type] : chosen.filter((t) => t !== type))
            }
          />{" "}
          {WEBHOOK_EVENT_LABELS[type]}
        </label>
      ))}
    </fieldset>
  );
}

function WebhookCard({ webhook }: { webhook: WebhookView }) {
  const update = useUpdateWebhook();
  const remove = useRemoveWebhook();
  const test = useTestWebhook();
  const [confirming, setConfirming] = useState(false);
  const [showAttempts, setShowAttempts] = useState(false);
  const headingId = useId();
  const result = test.data?.attempt;
  return (
    <section className="panel webhook-card" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>{webhook.name}</h2>
        <span className="muted small">{FORMAT_TEXT[webhook.format]}</span>
      </div>
      <dl className="kv">
        <dt>Address</dt>
        <dd className="mono">{webhook.display}</dd>
        <dt>Added</dt>
        <dd>
          <Timestamp iso={webhook.createdAt} />
          {webhook.createdBy ? ` by ${webhook.createdBy}` : ""}
        </dd>
      </dl>
      <EventChoices
        legend="Hears about"
        chosen={webhook.events}
        onChange={(events) => update.mutate({ id: webhook.id, change: { events } })}
      />
      {webhook.events.length === 0 && <p className="muted small">No events chosen: only tests reach it.</p>}
      {update.isError && <ProblemMessage error={update.error} title="The events were not changed" />}
      <div className="button-row">
        <BusyButton busy={test.isPending} busyLabel="Sending…" onClick={() => test.mutate(webhook.id)}>
          Send test
        </BusyButton>
        <button
          type="button"
          className="button"
          aria-expanded={showAttempts}
          onClick={() => setShowAttempts(!showAttempts)}
        >
          {showAttempts ? "Hide attempts" : "Show attempts"}
        </button>
        <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
          Remove
        </button>
      </div>
      {result && <TestOutcome key={result.id} webhookId={webhook.id} first={result} />}
      {test.isError && <ProblemMessage error={test.error} title="The test was not sent" />}
      {showAttempts && <Attempts id={webhook.id} />}
      <ConfirmDialog
        open={confirming}
        title={`Remove ${webhook.name}?`}
        confirmLabel="Remove"
        busyLabel="Removing…"
        busy={remove.isPending}
        destructive
        onConfirm={() => remove.mutate(webhook.id, { onSettled: () => setConfirming(false) })}
        onCancel={() => setConfirming(false)}
      >
        <p>
          It stops getting notifications, and its attempts are forgotten. To add it back you need its full
          address.
        </p>
      </ConfirmDialog>
      {remove.isError && <ProblemMessage error={remove.error} title="The webhook was not removed" />}
    </section>
  );
}

function Attempts({ id }: { id: string }) {
  const attempts = useAttempts(id, true);
  if (attempts.isPending) return <p className="muted">Loading attempts…</p>;
  if (attempts.isError) return <QueryProblem query={attempts} title="Could not read the attempts" />;
  if (attempts.data.length === 0) return <p className="muted">Nothing sent yet.</p>;
  return (
    <ol className="webhook-attempts" aria-label="Attempts, newest first">
      {attempts.data.map((a) => (
        <AttemptRow key={a.id} attempt={a} />
      ))}
    </ol>
  );
}

function AttemptRow({ attempt: a }: { attempt: WebhookAttempt }) {
  return (
    <li className={a.ok ? "attempt attempt-ok" : "attempt attempt-failed"}>
      <span className={a.ok ? "badge badge-ok" : "badge badge-block"}>{a.ok ? "Delivered" : "Failed"}</span>{" "}
      <Timestamp iso={a.at} /> · {a.eventType} · attempt {a.attempt}
      {a.statusCode !== null && ` · HTTP ${a.statusCode}`}
      {a.error && <span className="attempt-error">{a.error}</span>}
      {a.retryInMs !== null && (
        <span className="muted small"> Next attempt after {formatWait(a.retryInMs)}.</span>
      )}
    </li>
  );
}

function AddWebhookForm() {
  const add = useAddWebhook();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [format, setFormat] = useState<WebhookFormat>("slack");
  const [events, setEvents] = useState<WebhookEventType[]>(["pool.blocking", "pool.delivery"]);
  const urlHint = "Its path is its secret: it is kept, and never shown again. https only.";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { name: name.trim(), url: url.trim(), format, events },
      {
        onSuccess: () => {
          setName("");
          setUrl("");
        },
      },
    );
  };
  // A refused address is said under its field; other failures above the button.
  const urlError = isApiProblem(add.error)
    ? add.error.problem.errors?.find((e) => e.path === "url" || e.path === "body.url")?.message
    : undefined;
  return (
    <form className="panel webhook-add" onSubmit={submit} aria-labelledby="add-webhook-title">
      <h2 id="add-webhook-title">Add a webhook</h2>
      <Field id="webhook-name" label="Name">
        <input
          id="webhook-name"
          value={name}
          required
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Field id="webhook-url" label="Address" hint={urlHint} error={urlError}>
        <input
          id="webhook-url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          required
          placeholder="https://hooks.slack.com/services/…"
          value={url}
          aria-describedby={describedBy("webhook-url", urlError, true)}
          aria-invalid={urlError ? true : undefined}
          onChange={(e) => setUrl(e.target.value)}
        />
      </Field>
      <Field id="webhook-format" label="Format">
        <select
          id="webhook-format"
          value={format}
          onChange={(e) => setFormat(e.target.value as WebhookFormat)}
        >
          <option value="slack">{FORMAT_TEXT.slack}</option>
          <option value="generic">{FORMAT_TEXT.generic}</option>
        </select>
      </Field>
      <EventChoices legend="Hears about" chosen={events} onChange={setEvents} />
      {add.isError && !urlError && <ProblemMessage error={add.error} title="The webhook was not added" />}
      {add.isSuccess && (
        <p className="alert alert-ok" role="status">
          Added {add.data.name} ({add.data.display}). Send it a test from its card.
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add webhook"}
        </button>
      </div>
    </form>
  );
}

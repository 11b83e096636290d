import { useEffect, useId, useLayoutEffect, useRef } from "react";
import { ShortcutList } from "../components/shortcuts-dialog.tsx";
import { HELP_TOPICS, type HelpTopic } from "./help-topics.ts";
import "./help.css";

/**
 * AWS's documents each section rests on (the facts themselves are those of
 * /work/shared/docs/aws-log-delivery.md §1 and §3).
 */
const DOCS = {
  exporting: "https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html",
  logConfiguration:
    "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_LogConfigurationType.html",
  threatProtection:
    "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html",
  featurePlans:
    "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html",
  pricing: "https://aws.amazon.com/cognito/pricing/",
  logGroup:
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-CloudWatchLogs.html",
  firehose:
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-Firehose.html",
  s3: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html",
} as const;

function Doc({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} target="_blank" rel="noreferrer">
      {children}
      <span className="visually-hidden"> (AWS documentation, new tab)</span>
    </a>
  );
}

/** One section; its heading can take focus, so opening the help at a topic lands on it. */
function Section({ topic, children }: { topic: HelpTopic; children: React.ReactNode }) {
  return (
    <section className="help-section" aria-labelledby={`help-${topic}`}>
      <h3 id={`help-${topic}`} tabIndex={-1}>
        {HELP_TOPICS[topic]}
      </h3>
      {children}
    </section>
  );
}

/**
 * The help: a side panel (full width on a phone) on the native <dialog>, which keeps focus inside,
 * closes on Escape and is announced as a dialog. Opens at `topic`'s heading, or at the title.
 */
export function HelpPanel({ topic, onClose }: { topic: HelpTopic | null; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<Element | null>(null);

  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    opener.current = document.activeElement;
    if (!dialog.open) dialog.showModal();
    return () => {
      // Closed by the URL (Back) as well as by the button: give focus back to what opened it.
      if (dialog.open) dialog.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);

  useEffect(() => {
    const target = document.getElementById(topic ? `help-${topic}` : titleId);
    target?.focus({ preventScroll: true });
    target?.scrollIntoView({ block: "start" });
  }, [topic, titleId]);

  return (
    <dialog
      ref={dialogRef}
      className="help-panel"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="help-panel-header">
        <h2 id={titleId} tabIndex={-1}>
          Help
        </h2>
        <button type="button" className="button" onClick={onClose}>
          Close<span className="visually-hidden"> help</span>
        </button>
      </div>
      <nav aria-label="Help topics">
        <ul className="help-toc">
          {(Object.keys(HELP_TOPICS) as HelpTopic[]).map((key) => (
            <li key={key}>
              <a
                href={`#help-${key}`}
                onClick={(event) => {
                  // Within the panel a topic is a jump, not a new history entry.
                  event.preventDefault();
                  const heading = document.getElementById(`help-${key}`);
                  heading?.focus({ preventScroll: true });
                  heading?.scrollIntoView({ block: "start" });
                }}
              >
                {HELP_TOPICS[key]}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <Section topic="event-sources">
        <p>
          A Cognito user pool can export two kinds of logs, each on its own (AWS calls them event sources).
          AWS keeps both in one list that every change replaces whole; this console changes only the one you
          edit. See <Doc href={DOCS.exporting}>Exporting user pool logs</Doc> and{" "}
          <Doc href={DOCS.logConfiguration}>LogConfigurationType</Doc>.
        </p>
      </Section>
      <Section topic="user-notification">
        <p>
          Errors Cognito met sending email and SMS messages (<code>userNotification</code>, level{" "}
          <code>ERROR</code>). They can go to a CloudWatch log group only, and any plan can export them.
        </p>
      </Section>
      <Section topic="user-auth-events">
        <p>
          Sign-in and sign-up events as threat protection judged them (<code>userAuthEvents</code>, level{" "}
          <code>INFO</code>). They go to exactly one log group, Firehose stream or S3 bucket, and only a pool
          on the Plus plan can export them. Threat protection must be in Audit or Enforced mode: while it is
          off, AWS accepts the export but produces no events. See{" "}
          <Doc href={DOCS.threatProtection}>Advanced security with threat protection</Doc>.
        </p>
      </Section>
      <Section topic="destinations">
        <p>
          Every destination must be in the pool's own account and region. AWS's log delivery service (
          <code>delivery.logs.amazonaws.com</code>) writes to it, so it must be allowed to; the console checks
          each of these before it changes anything, and its fixes add what is missing.
        </p>
      </Section>
      <Section topic="log-group">
        <ul>
          <li>Not encrypted with a KMS key: Cognito cannot deliver to a KMS-encrypted log group.</li>
          <li>
            A resource policy letting log delivery call <code>logs:CreateLogStream</code> and{" "}
            <code>logs:PutLogEvents</code> on its streams, either on the log group itself or account-wide (at
            most 10 account-level policies per region). AWS adds it while setting up delivery when the caller
            may change resource policies.
          </li>
          <li>
            Names under <code>/aws/vendedlogs/</code> let one policy cover many log groups.
          </li>
        </ul>
        <p>
          See <Doc href={DOCS.logGroup}>Logs sent to CloudWatch Logs</Doc>.
        </p>
      </Section>
      <Section topic="firehose">
        <ul>
          <li>
            A Direct PUT stream (not one reading from Kinesis) whose status is <code>ACTIVE</code>.
          </li>
          <li>
            The tag <code>LogDeliveryEnabled=true</code>, exactly so (<code>True</code> does not count): the
            log delivery role may write only to streams carrying it. Tools that rewrite tags can remove it.
          </li>
        </ul>
        <p>
          User activity only. See <Doc href={DOCS.firehose}>Logs sent to Firehose</Doc>.
        </p>
      </Section>
      <Section topic="s3">
        <ul>
          <li>
            A bucket policy letting log delivery read the bucket's ACL and put objects under{" "}
            <code>AWSLogs/&lt;account&gt;/</code>. AWS adds it when the caller may change bucket policies.
          </li>
          <li>
            No AWS-managed KMS key (<code>aws/s3</code>, also what SSE-KMS without a key id means): delivery
            fails silently. SSE-S3 needs nothing; a customer-managed key must let log delivery use it.
          </li>
        </ul>
        <p>
          User activity only. See <Doc href={DOCS.s3}>Logs sent to Amazon S3</Doc>.
        </p>
      </Section>
      <Section topic="plans">
        <p>
          Every user pool is on one feature plan: Lite, Essentials (AWS's default for new pools) or Plus.
          Exporting user activity and threat protection need Plus; message-delivery errors export on any plan.
        </p>
        <p>
          Plans are billed per monthly active user, and the plan applies to the whole pool: on Plus every
          active user of the pool is billed at the Plus rate, the highest of the three. Delivered logs also
          cost what their destination charges (CloudWatch Logs, Firehose or S3). The rates per region are on{" "}
          <Doc href={DOCS.pricing}>Amazon Cognito pricing</Doc>; the plans are compared in{" "}
          <Doc href={DOCS.featurePlans}>User pool feature plans</Doc>.
        </p>
        <p>
          Change a pool's plan in the Amazon Cognito console (the pool's Feature plan page). Scripts that call{" "}
          <code>UpdateUserPool</code> must send back every setting they keep: it resets the ones it is not
          given.
        </p>
      </Section>
      <Section topic="shortcuts">
        <ShortcutList className="shortcut-list" />
      </Section>
    </dialog>
  );
}

/**
 * "Export as code" on the pool page: the pool's log delivery as AWS holds it now, as Terraform,
 * CloudFormation or the AWS CLI command, to copy or download. Loaded on the first click (the pool
 * page does not need it to show).
 */
import {
  CODE_FORMAT_LABELS,
  CODE_FORMATS,
  type CodeFormat,
  type TerraformDestinationMode,
} from "@clc/domain";
import { useEffect, useId, useRef, useState } from "react";
import { saveFile, usePoolExport } from "../../api/export/queries.ts";
import { CopyButton } from "../../components/aws-links.tsx";
import { QueryProblem } from "../../components/problem-message.tsx";
import "./export-dialog.css";

const NOTES: Readonly<Record<CodeFormat, string>> = {
  terraform:
    "One resource with both event sources (Set replaces the whole list) and an import block, so Terraform adopts what the pool has instead of overwriting it. Give the provider this account's credentials.",
  cloudformation:
    "An AWS::Cognito::LogDeliveryConfiguration resource. Creating it replaces the pool's configuration with this one; it is kept if removed from the stack.",
  cli: "The set-log-delivery-configuration command that sets exactly this configuration (both event sources). Run it with this account's credentials.",
};

export default function ExportDialog({
  accountId,
  poolId,
  onClose,
}: {
  accountId: string;
  poolId: string;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [format, setFormat] = useState<CodeFormat>("terraform");
  const [destinations, setDestinations] = useState<TerraformDestinationMode>("arn");
  const file = usePoolExport(accountId, poolId, format, format === "terraform" ? destinations : "arn");

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      className="export-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        Export as code
      </h2>
      <fieldset className="export-formats">
        <legend className="small muted">Format</legend>
        {CODE_FORMATS.map((option) => (
          <label key={option} className={option === format ? "export-format selected" : "export-format"}>
            <input
              type="radio"
              name="export-format"
              value={option}
              checked={option === format}
              onChange={() => setFormat(option)}
            />
            {CODE_FORMAT_LABELS[option]}
          </label>
        ))}
      </fieldset>
      <p className="small muted">{NOTES[format]}</p>
      {format === "terraform" && (
        <label className="small">
          <input
            type="checkbox"
            checked={destinations === "data"}
            onChange={(event) => setDestinations(event.target.checked ? "data" : "arn")}
          />{" "}
          Look destinations up as data sources (by name) instead of writing their ARNs
        </label>
      )}
      {file.isPending && (
        <p role="status">
          <span className="spinner" aria-hidden="true" /> Reading the pool's configuration from AWS…
        </p>
      )}
      {file.isError && <QueryProblem query={file} title="Could not export this pool" />}
      {file.data && (
        <>
          {file.data.warnings.map((warning) => (
            <div key={warning} className="alert alert-warn small">
              {warning}
            </div>
          ))}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (axe scrollable-region-focusable) */}
          <pre className="export-code" tabIndex={0}>
            {file.data.content}
          </pre>
        </>
      )}
      <div className="button-row dialog-actions">
        {file.data && (
          <>
            <CopyButton text={file.data.content} what={`the ${CODE_FORMAT_LABELS[format]} code`} />
            <button type="button" className="button" onClick={() => file.data && saveFile(file.data)}>
              Download {file.data.filename}
            </button>
          </>
        )}
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}

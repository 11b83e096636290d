/** The StackSet commands for the chosen variant, built by the domain from the OU and external id typed here. */
import {
  DEFAULT_MEMBER_ROLE_NAME,
  type MemberRoleFormat,
  type MemberRoleVariant,
  memberRoleStackCommand,
  memberRoleStackSetCommands,
  StackInputSchema,
  StackSetInputSchema,
} from "@clc/domain";
import { useState } from "react";
import { useRegions } from "../../api/regions/queries.ts";
import { describedBy, Field } from "../../components/form-field.tsx";

type Fields = "organizationalUnitId" | "externalId" | "trustedAccountId" | "roleName";

/** A command and a button that copies it (the clipboard needs a secure context; localhost is one). */
function CopyableCommand({ command, label }: { command: string; label: string }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(command).then(
      () => setCopied("copied"),
      () => setCopied("failed"),
    );
  };
  return (
    <figure className="command">
      <figcaption>{label}</figcaption>
      <pre>
        <code>{command}</code>
      </pre>
      <div className="button-row">
        <button type="button" className="button" onClick={copy}>
          Copy
        </button>
        <span role="status" className="muted small">
          {copied === "copied"
            ? "Copied."
            : copied === "failed"
              ? "Could not copy: select the text instead."
              : ""}
        </span>
      </div>
    </figure>
  );
}

export function StackSetCommands({ variant }: { variant: MemberRoleVariant }) {
  const regions = useRegions();
  const [format, setFormat] = useState<MemberRoleFormat>("yaml");
  const [values, setValues] = useState<Record<Fields, string>>({
    organizationalUnitId: "",
    externalId: "",
    trustedAccountId: "",
    roleName: DEFAULT_MEMBER_ROLE_NAME,
  });
  // The console's own account is what member roles trust, unless the operator types another.
  const trustedAccountId = values.trustedAccountId || regions.data?.accountId || "";
  const input = { ...values, trustedAccountId, variant, format };
  const parsed = StackSetInputSchema.safeParse(input);
  // The one-account stack needs no OU: shown as soon as the rest is valid.
  const single = StackInputSchema.safeParse(input);
  const errors: Partial<Record<Fields, string>> = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Fields;
      // A field not filled in yet is no error: the commands just wait for it.
      if (values[field] !== "" || (field === "trustedAccountId" && trustedAccountId !== ""))
        errors[field] ??= issue.message;
    }
  const field = (name: Fields, label: string, hint: string, placeholder?: string) => (
    <Field id={`stackset-${name}`} label={label} error={errors[name]} hint={hint}>
      <input
        id={`stackset-${name}`}
        type="text"
        className="mono"
        value={name === "trustedAccountId" ? trustedAccountId : values[name]}
        placeholder={placeholder}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={describedBy(`stackset-${name}`, errors[name], true)}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
      />
    </Field>
  );
  return (
    <section className="panel" aria-labelledby="stackset-heading">
      <h2 id="stackset-heading">2. Deploy it to an organizational unit</h2>
      <p className="muted">
        Run these from the management account (or a StackSets delegated administrator) with the AWS CLI, next
        to the downloaded template. The StackSet deploys to every account of the OU, and to accounts that join
        it later. It does not deploy to the management account itself: create a stack there from the same
        template if the console should see it.
      </p>
      <div className="stackset-fields">
        {field(
          "organizationalUnitId",
          "OU id",
          "The OU (ou-…) or the organization's root (r-…).",
          "ou-ab12-cdefgh34",
        )}
        {field("externalId", "External id", "The external id the console sends when it assumes the role.")}
        {field(
          "trustedAccountId",
          "Console account",
          "The account the console runs in (its credentials assume the role).",
        )}
        {field("roleName", "Role name", "The same in every account: the console assumes it by name.")}
        <Field id="stackset-format" label="Template file" hint="The download you use.">
          <select
            id="stackset-format"
            value={format}
            aria-describedby="stackset-format-hint"
            onChange={(event) => setFormat(event.target.value === "json" ? "json" : "yaml")}
          >
            <option value="yaml">YAML</option>
            <option value="json">JSON</option>
          </select>
        </Field>
      </div>
      {parsed.success ? (
        memberRoleStackSetCommands(parsed.data).map((command, index) => (
          <CopyableCommand
            key={command}
            command={command}
            label={index === 0 ? "Create the StackSet" : "Deploy it to the OU"}
          />
        ))
      ) : (
        <p className="muted">Fill in the OU id and the external id to see the commands.</p>
      )}
      {single.success && (
        <CopyableCommand
          command={memberRoleStackCommand(single.data)}
          label="The management account (or one account outside Organizations): a stack, with its own credentials"
        />
      )}
    </section>
  );
}

/**
 * The member-account role (`/accounts/member-role`): the template to download in either variant,
 * what each permission is for, the StackSet commands that deploy it to an OU, and (admins) the
 * connection test of the console's own account.
 */
import {
  MEMBER_ROLE_VARIANTS,
  type MemberRoleFormat,
  type MemberRoleVariant,
  memberRolePermissions,
  memberRoleTemplateFileName,
} from "@clc/domain";
import { useState } from "react";
import { memberRoleTemplateUrl } from "../../api/member-role/queries.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { useDocumentTitle } from "../../components/use-document-title.ts";
import { ConnectionTestPanel } from "./connection-test-panel.tsx";
import { StackSetCommands } from "./stackset-commands.tsx";
import "./member-role.css";

const VARIANT_TEXT: Record<MemberRoleVariant, { label: string; detail: string }> = {
  read: {
    label: "Read",
    detail:
      "What viewers need: lists and reads of pools, log groups, streams, buckets and roles. Changes nothing.",
  },
  full: {
    label: "Full",
    detail:
      "Read, plus what admins do: change log delivery, run fixes, create destinations and clean up failed runs.",
  },
};

const FORMATS: readonly MemberRoleFormat[] = ["yaml", "json"];

export function MemberRolePage() {
  useDocumentTitle("Member-account role");
  const [variant, setVariant] = useState<MemberRoleVariant>("read");
  const canWrite = useCanWrite();
  const permissions = memberRolePermissions(variant);
  return (
    <div className="page page-member-role">
      <h1>Member-account role</h1>
      <p className="muted">
        The console reads and changes other AWS accounts through a role it assumes there, with an external id.
        Deploy the role with CloudFormation: to one account as a stack, or to every account of an
        organizational unit with a StackSet.
      </p>

      <section className="panel" aria-labelledby="template-heading">
        <h2 id="template-heading">1. Choose the variant and download the template</h2>
        <fieldset>
          <legend>Variant</legend>
          <div className="radio-list">
            {MEMBER_ROLE_VARIANTS.map((option) => (
              <div key={option} className="radio-option">
                <input
                  type="radio"
                  id={`variant-${option}`}
                  name="variant"
                  value={option}
                  checked={variant === option}
                  aria-describedby={`variant-${option}-detail`}
                  onChange={() => setVariant(option)}
                />
                <div>
                  <label htmlFor={`variant-${option}`}>{VARIANT_TEXT[option].label}</label>
                  <div id={`variant-${option}-detail`} className="reason">
                    {VARIANT_TEXT[option].detail}
                  </div>
                </div>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="button-row">
          {FORMATS.map((format) => (
            <a key={format} className="button" href={memberRoleTemplateUrl(variant, format)} download>
              Download {memberRoleTemplateFileName(variant, format)}
            </a>
          ))}
        </div>
        <details>
          <summary>
            The {permissions.length} permissions of the {VARIANT_TEXT[variant].label.toLowerCase()} variant
          </summary>
          <table className="data-table stacked-table member-role-table" aria-label="Permissions">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Why</th>
                <th scope="col">Used by</th>
              </tr>
            </thead>
            <tbody>
              {permissions.map((entry) => (
                <tr key={entry.action}>
                  <td className="mono" data-label="Action">
                    {entry.action}
                  </td>
                  <td data-label="Why">{entry.why}</td>
                  <td className="mono small" data-label="Used by">
                    {entry.neededBy.join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>

      <StackSetCommands variant={variant} />

      {canWrite && <ConnectionTestPanel />}
    </div>
  );
}

/** The member-account role's template, as the browser downloads it (a link: the session cookie goes along). */
import type { MemberRoleFormat, MemberRoleVariant } from "@clc/domain";
import { type ApiPath, type paths, serializeQuery } from "../client.ts";

type TemplateQuery = NonNullable<paths["/api/accounts/member-role-template"]["get"]["parameters"]["query"]>;

/** Typed against the contract: the download path must be one the BFF serves. */
const TEMPLATE_PATH = "/api/accounts/member-role-template" satisfies ApiPath;

export function memberRoleTemplateUrl(variant: MemberRoleVariant, format: MemberRoleFormat): string {
  const query: TemplateQuery = { variant, format };
  return `${TEMPLATE_PATH}?${serializeQuery(query)}`;
}

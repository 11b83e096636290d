/**
 * AWS Organizations' state (one organization per sandbox, as one per management account on AWS) and
 * its shapes as the Organizations API model describes them (botocore `organizations/2016-11-28`, the
 * SDK v3 client-organizations): ids `o-…`, `r-…`, `ou-<root>-<8>`; ARNs under the management account.
 */
import { z } from "zod";
import { int, required, str, struct } from "../../core/shapes.ts";

export interface OrganizationRecord {
  id: string;
  managementAccountId: string;
  managementEmail: string;
  featureSet: "ALL" | "CONSOLIDATED_BILLING";
  rootId: string;
}
export interface OuRecord {
  id: string;
  name: string;
  parentId: string;
}
export interface AccountRecord {
  id: string;
  name: string;
  email: string;
  status: "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";
  joinedMethod: "INVITED" | "CREATED";
  joinedMs: number;
  parentId: string;
}

export const OrganizationsSnapshot = z.object({
  organization: z
    .object({
      id: z.string(),
      managementAccountId: z.string(),
      managementEmail: z.string(),
      featureSet: z.enum(["ALL", "CONSOLIDATED_BILLING"]),
      rootId: z.string(),
    })
    .nullable(),
  ous: z.array(z.object({ id: z.string(), name: z.string(), parentId: z.string() })),
  accounts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      status: z.enum(["ACTIVE", "SUSPENDED", "PENDING_CLOSURE"]),
      joinedMethod: z.enum(["INVITED", "CREATED"]),
      joinedMs: z.number(),
      parentId: z.string(),
    }),
  ),
});

const ROOT_ID = "r-[0-9a-z]{4,32}";
const OU_ID = "ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}";
const MAX_RESULTS = int({ min: 1, max: 20 });
const NEXT_TOKEN = str({ max: 100000, pattern: "[\\s\\S]*" });
const PARENT_ID = required(str({ max: 100, pattern: `(${ROOT_ID})|(${OU_ID})` }));

export const PageRequest = struct("ListAccountsRequest", { NextToken: NEXT_TOKEN, MaxResults: MAX_RESULTS });
export const ListRootsRequest = struct("ListRootsRequest", {
  NextToken: NEXT_TOKEN,
  MaxResults: MAX_RESULTS,
});
export const ParentPageRequest = struct("ListOrganizationalUnitsForParentRequest", {
  ParentId: PARENT_ID,
  NextToken: NEXT_TOKEN,
  MaxResults: MAX_RESULTS,
});
export const ListParentsRequest = struct("ListParentsRequest", {
  ChildId: required(str({ max: 100, pattern: `(\\d{12})|(${OU_ID})` })),
  NextToken: NEXT_TOKEN,
  MaxResults: MAX_RESULTS,
});
export const DescribeOuRequest = struct("DescribeOrganizationalUnitRequest", {
  OrganizationalUnitId: required(str({ max: 68, pattern: OU_ID })),
});
export const DescribeAccountRequest = struct("DescribeAccountRequest", {
  AccountId: required(str({ max: 12, pattern: "\\d{12}" })),
});
export const CreateOrganizationRequest = struct("CreateOrganizationRequest", {
  FeatureSet: str({ enum: ["ALL", "CONSOLIDATED_BILLING"] }),
});
export const CreateOuRequest = struct("CreateOrganizationalUnitRequest", {
  ParentId: PARENT_ID,
  Name: required(str({ min: 1, max: 128, pattern: "[\\s\\S]*" })),
});

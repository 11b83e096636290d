import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
} from "@aws-sdk/client-organizations";
import { z } from "zod";
import { createSend } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

/**
 * AWS Organizations, as the console's own (management or delegated administrator) credentials see
 * it. Every list is paginated by NextToken (AWS answers at most 20 accounts per page by default).
 * Errors leave as AwsCallError: AWSOrganizationsNotInUseException when the account is in no
 * organization, AccessDeniedException when it is a member account that is not a delegated admin.
 */
export interface OrganizationsGateway {
  /** The organization's id and management account (DescribeOrganization). */
  describeOrganization(deadline?: Deadline): Promise<{ id: string; managementAccountId: string | null }>;
  /**
   * Every account of the organization, all pages (ListAccounts); `state` is State, else Status.
   * `onPage` sees each page as it arrives (a fleet read starts an account's reads at once).
   */
  listAccounts(
    deadline?: Deadline,
    onPage?: (page: OrganizationAccount[]) => void,
  ): Promise<OrganizationAccount[]>;
  /** The organization's roots (one in practice). */
  listRoots(deadline?: Deadline): Promise<OrganizationParent[]>;
  /** The OUs directly under a root or an OU, all pages. */
  listOrganizationalUnits(parentId: string, deadline?: Deadline): Promise<OrganizationParent[]>;
  /** The direct parent (root or OU) of an account or OU: AWS answers exactly one. */
  parentOf(
    childId: string,
    deadline?: Deadline,
  ): Promise<{ id: string; type: "ROOT" | "ORGANIZATIONAL_UNIT" }>;
}

export interface OrganizationAccount {
  id: string;
  name: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE (Status) or the newer State values (ACTIVE, CLOSED…). */
  state: string;
}

export interface OrganizationParent {
  id: string;
  name: string;
}

const AccountSchema = z.object({
  Id: z.string().regex(/^\d{12}$/),
  Name: z.string().optional(),
  Status: z.string().optional(),
  State: z.string().optional(),
});
const ListAccountsSchema = z.object({
  Accounts: z.array(AccountSchema).optional(),
  NextToken: z.string().optional(),
});
const NamedSchema = z.object({ Id: z.string(), Name: z.string().optional() });
const ListRootsSchema = z.object({
  Roots: z.array(NamedSchema).optional(),
  NextToken: z.string().optional(),
});
const ListOusSchema = z.object({
  OrganizationalUnits: z.array(NamedSchema).optional(),
  NextToken: z.string().optional(),
});
const ListParentsSchema = z.object({
  Parents: z.array(z.object({ Id: z.string(), Type: z.enum(["ROOT", "ORGANIZATIONAL_UNIT"]) })).optional(),
});
const DescribeOrganizationSchema = z.object({
  Organization: z.object({ Id: z.string(), MasterAccountId: z.string().optional() }),
});

/** Pages are bounded so that a wrong NextToken loop cannot spin forever (10,000 accounts at 20 per page). */
const MAX_PAGES = 500;

export function createOrganizationsGateway(clients: AwsClients): OrganizationsGateway {
  const send = createSend(clients.backgroundCallBudgetMs);

  async function paged<T>(
    page: (token: string | undefined) => Promise<{ items: T[]; next: string | undefined }>,
    onPage?: (items: T[]) => void,
  ): Promise<T[]> {
    const all: T[] = [];
    let token: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const { items, next } = await page(token);
      all.push(...items);
      onPage?.(items);
      if (!next) break;
      token = next;
    }
    return all;
  }

  return {
    async describeOrganization(deadline) {
      const { answer } = await send(
        "organizations.DescribeOrganization",
        clients.organizations(),
        new DescribeOrganizationCommand({}),
        deadline,
        DescribeOrganizationSchema,
      );
      return { id: answer.Organization.Id, managementAccountId: answer.Organization.MasterAccountId ?? null };
    },
    listAccounts(deadline, onPage) {
      return paged(async (token) => {
        const { answer } = await send(
          "organizations.ListAccounts",
          clients.organizations(),
          new ListAccountsCommand({ NextToken: token }),
          deadline,
          ListAccountsSchema,
        );
        return {
          items: (answer.Accounts ?? []).map((a) => ({
            id: a.Id,
            name: a.Name ?? a.Id,
            state: a.State ?? a.Status ?? "ACTIVE",
          })),
          next: answer.NextToken,
        };
      }, onPage);
    },
    listRoots(deadline) {
      return paged(async (token) => {
        const { answer } = await send(
          "organizations.ListRoots",
          clients.organizations(),
          new ListRootsCommand({ NextToken: token }),
          deadline,
          ListRootsSchema,
        );
        return {
          items: (answer.Roots ?? []).map((r) => ({ id: r.Id, name: r.Name ?? "Root" })),
          next: answer.NextToken,
        };
      });
    },
    listOrganizationalUnits(parentId, deadline) {
      return paged(async (token) => {
        const { answer } = await send(
          "organizations.ListOrganizationalUnitsForParent",
          clients.organizations(),
          new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken: token }),
          deadline,
          ListOusSchema,
        );
        return {
          items: (answer.OrganizationalUnits ?? []).map((o) => ({ id: o.Id, name: o.Name ?? o.Id })),
          next: answer.NextToken,
        };
      });
    },
    async parentOf(childId, deadline) {
      const { answer } = await send(
        "organizations.ListParents",
        clients.organizations(),
        new ListParentsCommand({ ChildId: childId }),
        deadline,
        ListParentsSchema,
      );
      const parent = answer.Parents?.[0];
      if (!parent) throw new Error(`Organizations named no parent of ${childId}`);
      return { id: parent.Id, type: parent.Type };
    },
  };
}

/**
 * AWS Organizations (awsJson1_1, `AWSOrganizationsV20161128`, a global service signed for us-east-1):
 * the reads the console's discovery makes (DescribeOrganization, ListAccounts, ListRoots,
 * ListOrganizationalUnitsForParent, ListParents, DescribeOrganizationalUnit, DescribeAccount,
 * ListAccountsForParent) and CreateOrganization/CreateOrganizationalUnit. Accounts join through the
 * setup path `addAccount` (AWS's CreateAccount is asynchronous and picks the id itself).
 *
 * Who may call (Organizations API reference, each operation's "can be called only from the
 * organization's management account or by a member account that is a delegated administrator"):
 * DescribeOrganization from any account of the organization, the rest from the management account
 * only (delegated administrators are not modelled); others get AccessDeniedException "You don't have
 * permissions to access this resource.", and an account outside any organization
 * AWSOrganizationsNotInUseException "Your account is not a member of an organization." (texts from
 * public reports of AWS's answers).
 */
import { epochSeconds } from "../../core/ids.ts";
import { operationWith, type ShapeType } from "../../core/shapes.ts";
import { AwsError, type CallContext, type JsonService, type StatefulService } from "../../core/types.ts";
import { decodeToken, encodeToken } from "../shared/paging.ts";
import {
  type AccountRecord,
  CreateOrganizationRequest,
  CreateOuRequest,
  DescribeAccountRequest,
  DescribeOuRequest,
  ListParentsRequest,
  ListRootsRequest,
  type OrganizationRecord,
  OrganizationsSnapshot,
  type OuRecord,
  PageRequest,
  ParentPageRequest,
} from "./model.ts";

export type { AccountRecord, OuRecord } from "./model.ts";

/** Constraint errors: ours (AWS's InvalidInputException reasons are not captured for model constraints). */
const operation = operationWith("InvalidInputException");

export interface OrganizationsService extends JsonService, StatefulService {
  /** The organization, or undefined when none was created. */
  organization(): OrganizationRecord | undefined;
  /** Every account of the organization (management account first), for seeds and the start-up line. */
  accounts(): AccountRecord[];
  ous(): OuRecord[];
  /**
   * Setup path (seeds, tests): an account joins the organization under `parentId` (default: the root).
   * Throws when there is no organization, the parent does not exist or the id is taken.
   */
  addAccount(account: {
    id: string;
    name: string;
    email?: string;
    parentId?: string;
    status?: AccountRecord["status"];
    joinedMs?: number;
  }): AccountRecord;
  /** Setup path: the management account's name (CreateOrganization names it "Management"). */
  renameAccount(id: string, name: string): void;
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
/** `n` random characters of `[a-z0-9]`, as in Organizations' ids. */
const lower = (n: number, random: () => number) =>
  Array.from({ length: n }, () => LOWER_ALNUM[Math.floor(random() * LOWER_ALNUM.length)]).join("");

export function createOrganizationsService(random: () => number = Math.random): OrganizationsService {
  let org: OrganizationRecord | undefined;
  const ous = new Map<string, OuRecord>();
  const accounts = new Map<string, AccountRecord>();

  const arnOf = (kind: "account" | "ou" | "root", id: string): string => {
    const o = org as OrganizationRecord;
    return `arn:aws:organizations::${o.managementAccountId}:${kind}/${o.id}/${id}`;
  };

  function requireOrg(ctx: CallContext, managementOnly: boolean): OrganizationRecord {
    if (!org || !accounts.has(ctx.accountId)) {
      throw new AwsError(
        "AWSOrganizationsNotInUseException",
        "Your account is not a member of an organization.",
      );
    }
    if (managementOnly && ctx.accountId !== org.managementAccountId) {
      throw new AwsError("AccessDeniedException", "You don't have permissions to access this resource.");
    }
    return org;
  }

  const describeAccount = (a: AccountRecord) => ({
    Id: a.id,
    Arn: arnOf("account", a.id),
    Email: a.email,
    Name: a.name,
    Status: a.status,
    State: a.status === "ACTIVE" ? "ACTIVE" : a.status === "SUSPENDED" ? "SUSPENDED" : "PENDING_CLOSURE",
    JoinedMethod: a.joinedMethod,
    JoinedTimestamp: epochSeconds(a.joinedMs),
  });
  const describeOu = (ou: OuRecord) => ({ Id: ou.id, Arn: arnOf("ou", ou.id), Name: ou.name });

  /** One page of `items` after the token's position; MaxResults defaults to the model's 20. */
  function page<T>(items: T[], input: { NextToken?: string; MaxResults?: number }, member: string) {
    let start = 0;
    if (input.NextToken !== undefined) {
      const at = decodeToken(input.NextToken);
      if (typeof at !== "number" || !Number.isInteger(at) || at < 0 || at > items.length) {
        // Ours: AWS's text for a token it did not issue is not captured.
        throw new AwsError("InvalidInputException", "The NextToken is not valid.", 400, {
          Reason: "INVALID_NEXT_TOKEN",
        });
      }
      start = at;
    }
    const size = input.MaxResults ?? 20;
    const end = start + size;
    return {
      [member]: items.slice(start, end),
      ...(end < items.length ? { NextToken: encodeToken(end) } : {}),
    };
  }

  function parentExists(id: string): boolean {
    return id === org?.rootId || ous.has(id);
  }
  function requireParent(id: string): void {
    if (!parentExists(id)) {
      throw new AwsError(
        "ParentNotFoundException",
        "We can't find a root or OU with the ParentId that you specified.",
      );
    }
  }

  type Page = ShapeType<typeof PageRequest>;

  return {
    targetPrefix: "AWSOrganizationsV20161128",
    signingName: "organizations",
    operations: {
      CreateOrganization: operation(CreateOrganizationRequest, (input, ctx) => {
        if (org) {
          throw new AwsError(
            "AlreadyInOrganizationException",
            "The AWS account is already a member of an organization.",
          );
        }
        const id = `o-${lower(10, random)}`;
        org = {
          id,
          managementAccountId: ctx.accountId,
          managementEmail: `aws+${ctx.accountId}@example.com`,
          featureSet: input.FeatureSet ?? "ALL",
          rootId: `r-${lower(4, random)}`,
        };
        accounts.set(ctx.accountId, {
          id: ctx.accountId,
          name: "Management",
          email: org.managementEmail,
          status: "ACTIVE",
          joinedMethod: "CREATED",
          joinedMs: ctx.now(),
          parentId: org.rootId,
        });
        ctx.changed();
        return { Organization: describeOrganization(org) };
      }),
      DescribeOrganization(_input, ctx) {
        return { Organization: describeOrganization(requireOrg(ctx, false)) };
      },
      ListAccounts: operation(PageRequest, (input: Page, ctx) => {
        requireOrg(ctx, true);
        return page([...accounts.values()].map(describeAccount), input, "Accounts");
      }),
      ListAccountsForParent: operation(ParentPageRequest, (input, ctx) => {
        requireOrg(ctx, true);
        requireParent(input.ParentId);
        const children = [...accounts.values()].filter((a) => a.parentId === input.ParentId);
        return page(children.map(describeAccount), input, "Accounts");
      }),
      ListRoots: operation(ListRootsRequest, (input, ctx) => {
        const o = requireOrg(ctx, true);
        const root = { Id: o.rootId, Arn: arnOf("root", o.rootId), Name: "Root", PolicyTypes: [] };
        return page([root], input, "Roots");
      }),
      ListOrganizationalUnitsForParent: operation(ParentPageRequest, (input, ctx) => {
        requireOrg(ctx, true);
        requireParent(input.ParentId);
        const children = [...ous.values()].filter((ou) => ou.parentId === input.ParentId);
        return page(children.map(describeOu), input, "OrganizationalUnits");
      }),
      ListParents: operation(ListParentsRequest, (input, ctx) => {
        const o = requireOrg(ctx, true);
        const parentId = (accounts.get(input.ChildId) ?? ous.get(input.ChildId))?.parentId;
        if (!parentId) {
          throw new AwsError(
            "ChildNotFoundException",
            "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
          );
        }
        return page(
          [{ Id: parentId, Type: parentId === o.rootId ? "ROOT" : "ORGANIZATIONAL_UNIT" }],
          input,
          "Parents",
        );
      }),
      DescribeOrganizationalUnit: operation(DescribeOuRequest, (input, ctx) => {
        requireOrg(ctx, true);
        const ou = ous.get(input.OrganizationalUnitId);
        if (!ou) {
          throw new AwsError(
            "OrganizationalUnitNotFoundException",
            "We can't find an OU with the OrganizationalUnitId that you specified.",
          );
        }
        return { OrganizationalUnit: describeOu(ou) };
      }),
      DescribeAccount: operation(DescribeAccountRequest, (input, ctx) => {
        requireOrg(ctx, true);
        const account = accounts.get(input.AccountId);
        if (!account)
          throw new AwsError("AccountNotFoundException", "You specified an account that doesn't exist.");
        return { Account: describeAccount(account) };
      }),
      CreateOrganizationalUnit: operation(CreateOuRequest, (input, ctx) => {
        const o = requireOrg(ctx, true);
        requireParent(input.ParentId);
        if ([...ous.values()].some((ou) => ou.parentId === input.ParentId && ou.name === input.Name)) {
          throw new AwsError(
            "DuplicateOrganizationalUnitException",
            "An OU with the same name already exists.",
          );
        }
        const ou = {
          id: `ou-${o.rootId.slice(2)}-${lower(8, random)}`,
          name: input.Name,
          parentId: input.ParentId,
        };
        ous.set(ou.id, ou);
        ctx.changed();
        return { OrganizationalUnit: describeOu(ou) };
      }),
    },
    organization: () => org,
    accounts: () => [...accounts.values()],
    ous: () => [...ous.values()],
    addAccount(account) {
      if (!org) throw new Error("addAccount: create the organization first");
      const parentId = account.parentId ?? org.rootId;
      if (!parentExists(parentId)) throw new Error(`addAccount: no root or OU ${parentId}`);
      if (accounts.has(account.id))
        throw new Error(`addAccount: account ${account.id} is already in the organization`);
      const record: AccountRecord = {
        id: account.id,
        name: account.name,
        email: account.email ?? `aws+${account.id}@example.com`,
        status: account.status ?? "ACTIVE",
        joinedMethod: "CREATED",
        joinedMs: account.joinedMs ?? Date.now(),
        parentId,
      };
      accounts.set(record.id, record);
      return record;
    },
    renameAccount(id, name) {
      const account = accounts.get(id);
      if (!account) throw new Error(`renameAccount: no account ${id} in the organization`);
      account.name = name;
    },
    snapshot: () => ({ organization: org ?? null, ous: [...ous.values()], accounts: [...accounts.values()] }),
    restore(snapshot) {
      const parsed = OrganizationsSnapshot.safeParse(snapshot);
      if (!parsed.success) throw new Error(`organizations snapshot: ${parsed.error.message}`);
      org = parsed.data.organization ?? undefined;
      ous.clear();
      accounts.clear();
      for (const ou of parsed.data.ous) ous.set(ou.id, ou);
      for (const a of parsed.data.accounts) accounts.set(a.id, a);
    },
  };

  function describeOrganization(o: OrganizationRecord) {
    return {
      Id: o.id,
      Arn: `arn:aws:organizations::${o.managementAccountId}:organization/${o.id}`,
      FeatureSet: o.featureSet,
      MasterAccountArn: `arn:aws:organizations::${o.managementAccountId}:account/${o.id}/${o.managementAccountId}`,
      MasterAccountId: o.managementAccountId,
      MasterAccountEmail: o.managementEmail,
      AvailablePolicyTypes: [],
    };
  }
}

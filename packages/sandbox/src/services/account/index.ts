/**
 * The AWS Account Management API (REST-JSON, signing name `account`, global): ListRegions and
 * GetRegionOptStatus, and whether an account has enabled a region, which the core checks on every
 * regional call. Regions launched before 20 March 2019 are `ENABLED_BY_DEFAULT` and cannot be
 * disabled; later ones are opt-in and `DISABLED` until enabled (AWS General Reference, "Specify which
 * AWS Regions your account can use"). Shapes from the Account API model (botocore `account/2021-02-01`,
 * the SDK v3 client-account): MaxResults 1–50, NextToken up to 1000 characters, AccountId 12 digits.
 *
 * `AccountId` names a member account from the organization's management account; any other caller
 * naming another account gets AccessDeniedException (403), and the management account naming itself a
 * ValidationException (the API reference: "The management account can't specify its own AccountId").
 */
import { DEFAULT_REGIONS as DOMAIN_DEFAULT_REGIONS } from "@clc/domain";
import { int, list, parseInput, type ShapeType, str, struct } from "../../core/shapes.ts";
import { AwsError, type CallContext, type RestJsonService, type StatefulService } from "../../core/types.ts";
import { decodeToken, encodeToken } from "../shared/paging.ts";

export type RegionOptStatus = "ENABLED" | "ENABLING" | "DISABLING" | "DISABLED" | "ENABLED_BY_DEFAULT";

/** Regions every account can use (@clc/domain's list, AWS's Regions launched before 20 March 2019); the rest are opt-in. */
export const DEFAULT_REGIONS = DOMAIN_DEFAULT_REGIONS;
export const OPT_IN_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
] as const;
const ALL_REGIONS = [...DEFAULT_REGIONS, ...OPT_IN_REGIONS].sort();
const DEFAULT_SET = new Set<string>(DEFAULT_REGIONS);
const OPT_IN_SET = new Set<string>(OPT_IN_REGIONS);

const STATUS = ["ENABLED", "ENABLING", "DISABLING", "DISABLED", "ENABLED_BY_DEFAULT"] as const;
const ACCOUNT_ID = str({ pattern: "\\d{12}" });
export const ListRegionsRequest = struct("ListRegionsRequest", {
  AccountId: ACCOUNT_ID,
  MaxResults: int({ min: 1, max: 50 }),
  NextToken: str({ min: 0, max: 1000 }),
  RegionOptStatusContains: list(str({ enum: STATUS })),
});
export const GetRegionOptStatusRequest = struct("GetRegionOptStatusRequest", {
  AccountId: ACCOUNT_ID,
  RegionName: { shape: str({ min: 1, max: 50 }), required: true },
});

export interface AccountService extends RestJsonService, StatefulService {
  /** The region's status for the account; a region the sandbox does not list counts as enabled (custom test regions). */
  regionStatus(accountId: string, region: string): RegionOptStatus;
  /** Whether calls of that account may reach services in that region. */
  regionEnabled(accountId: string, region: string): boolean;
  /** Setup path (seeds, tests): set an opt-in region's status for an account. */
  setRegionStatus(accountId: string, region: string, status: "ENABLED" | "DISABLED"): void;
}

export interface AccountOptions {
  /**
   * Whether `caller` may name `target` in AccountId: true when the caller is the organization's
   * management account and the target a member (the Organizations service answers it).
   */
  manages?: (caller: string, target: string) => boolean;
}

export function createAccountService(options: AccountOptions = {}): AccountService {
  /** `<account>/<region>` → status, for opt-in regions only (the default ones cannot change). */
  const states = new Map<string, "ENABLED" | "DISABLED">();

  const statusOf = (accountId: string, region: string): RegionOptStatus => {
    if (DEFAULT_SET.has(region)) return "ENABLED_BY_DEFAULT";
    if (!OPT_IN_SET.has(region)) return "ENABLED";
    return states.get(`${accountId}/${region}`) ?? "DISABLED";
  };

  /** The account an operation is about: the caller's, or the member named in AccountId. */
  function targetAccount(input: { AccountId?: string }, ctx: CallContext): string {
    const target = input.AccountId;
    if (target === undefined) return ctx.accountId;
    if (target === ctx.accountId) {
      throw new AwsError(
        "ValidationException",
        "The management account can't specify its own AccountId. Call the operation without AccountId.",
      );
    }
    if (!options.manages?.(ctx.accountId, target)) {
      throw new AwsError(
        "AccessDeniedException",
        `User: ${ctx.principal?.arn ?? `arn:aws:iam::${ctx.accountId}:root`} is not authorized to perform: account:ListRegions on resource: arn:aws:account::${ctx.accountId}:account/${target}`,
        403,
      );
    }
    return target;
  }

  const validate = <S extends Parameters<typeof parseInput>[0]>(shape: S, raw: unknown) =>
    parseInput(shape, raw, "ValidationException") as ShapeType<S>;

  return {
    signingName: "account",
    routes: {
      "POST /listRegions": {
        operation: "ListRegions",
        handler(raw, ctx) {
          const input = validate(ListRegionsRequest, raw);
          const account = targetAccount(input, ctx);
          const wanted = input.RegionOptStatusContains;
          const regions = ALL_REGIONS.map((name) => ({
            RegionName: name,
            RegionOptStatus: statusOf(account, name),
          })).filter((r) => !wanted || wanted.length === 0 || wanted.includes(r.RegionOptStatus));
          let start = 0;
          if (input.NextToken) {
            const at = decodeToken(input.NextToken);
            if (typeof at !== "number" || !Number.isInteger(at) || at < 0 || at > regions.length) {
              // Ours: AWS's text is not captured.
              throw new AwsError("ValidationException", "The NextToken is not valid.");
            }
            start = at;
          }
          const end = start + (input.MaxResults ?? 50);
          return {
            Regions: regions.slice(start, end),
            ...(end < regions.length ? { NextToken: encodeToken(end) } : {}),
          };
        },
      },
      "POST /getRegionOptStatus": {
        operation: "GetRegionOptStatus",
        handler(raw, ctx) {
          const input = validate(GetRegionOptStatusRequest, raw);
          const account = targetAccount(input, ctx);
          return { RegionName: input.RegionName, RegionOptStatus: statusOf(account, input.RegionName) };
        },
      },
    },
    regionStatus: statusOf,
    regionEnabled(accountId, region) {
      const status = statusOf(accountId, region);
      return status === "ENABLED" || status === "ENABLED_BY_DEFAULT";
    },
    setRegionStatus(accountId, region, status) {
      if (!OPT_IN_SET.has(region)) throw new Error(`${region} is not an opt-in region the sandbox knows`);
      states.set(`${accountId}/${region}`, status);
    },
    snapshot: () => ({ regions: Object.fromEntries(states) }),
    restore(snapshot) {
      const saved = (snapshot as { regions?: unknown } | null)?.regions;
      if (typeof saved !== "object" || saved === null)
        throw new Error("account snapshot: expected { regions: {...} }");
      states.clear();
      for (const [key, value] of Object.entries(saved)) {
        if (value !== "ENABLED" && value !== "DISABLED")
          throw new Error(`account snapshot: bad status for ${key}`);
        states.set(key, value);
      }
    },
  };
}

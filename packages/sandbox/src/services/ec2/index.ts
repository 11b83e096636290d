/**
 * EC2 (the `ec2` query protocol), DescribeRegions only: the fallback the console reads an account's
 * enabled regions with when `account:ListRegions` is refused (issue 14). It answers from the Account
 * Management API's state (services/account), so both APIs always agree on an account's regions.
 *
 * From the EC2 API model (botocore `ec2/2016-11-15`, the SDK v3 client-ec2): input `RegionName.N`
 * (RegionNames), `AllRegions` (boolean), `Filter.N.Name` / `Filter.N.Value.M`, `DryRun`; output
 * `<regionInfo><item><regionName><regionEndpoint><optInStatus>`. EC2 API reference, DescribeRegions:
 * without AllRegions only the regions the account has enabled; with it every region, `optInStatus`
 * `opt-in-not-required` (default regions), `opted-in` or `not-opted-in`; RegionNames may name any
 * region, enabled or not. Filters: `endpoint`, `opt-in-status`, `region-name`. moto
 * (`ec2/responses/availability_zones_and_regions.py`) serves the same shape without opt-in state.
 */
import { AwsError, type CallContext, type QueryOperation } from "../../core/types.ts";
import {
  type AccountService,
  DEFAULT_REGIONS,
  OPT_IN_REGIONS,
  type RegionOptStatus,
} from "../account/index.ts";

export const EC2_XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";

/** EC2's own query protocol: same form requests as awsQuery, its own answer and error documents. */
export interface Ec2Service {
  readonly signingName: "ec2";
  readonly xmlns: string;
  readonly operations: Record<string, QueryOperation>;
}

const ALL_REGIONS = [...DEFAULT_REGIONS, ...OPT_IN_REGIONS].sort();
const KNOWN = new Set<string>(ALL_REGIONS);
const FILTERS = new Set(["endpoint", "opt-in-status", "region-name"]);

/** The Account API's status as EC2 words it; ENABLING and DISABLING are not (yet) usable. */
export function optInStatus(status: RegionOptStatus): "opt-in-not-required" | "opted-in" | "not-opted-in" {
  if (status === "ENABLED_BY_DEFAULT") return "opt-in-not-required";
  return status === "ENABLED" ? "opted-in" : "not-opted-in";
}

/** `Prefix.1`, `Prefix.2`, … in order, stopping at the first gap (as the query protocol numbers lists). */
function numbered(params: Record<string, string>, prefix: string): string[] {
  const values: string[] = [];
  for (let i = 1; params[`${prefix}.${i}`] !== undefined; i++)
    values.push(params[`${prefix}.${i}`] as string);
  return values;
}

function parseBoolean(params: Record<string, string>, name: string): boolean {
  const value = params[name];
  if (value === undefined) return false;
  if (value !== "true" && value !== "false") {
    // Ours: AWS's exact text for a malformed boolean is not captured.
    throw new AwsError(
      "InvalidParameterValue",
      `Value (${value}) for parameter ${name} is invalid. Expected: 'true' or 'false'.`,
    );
  }
  return value === "true";
}

export function createEc2Service(options: { account: () => AccountService | undefined }): Ec2Service {
  const statusOf = (accountId: string, region: string): RegionOptStatus =>
    options.account()?.regionStatus(accountId, region) ?? "ENABLED_BY_DEFAULT";

  function describeRegions(params: Record<string, string>, ctx: CallContext) {
    if (parseBoolean(params, "DryRun")) {
      throw new AwsError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
    }
    const all = parseBoolean(params, "AllRegions");
    const named = numbered(params, "RegionName");
    for (const name of named) {
      if (!KNOWN.has(name)) throw new AwsError("InvalidParameterValue", `Invalid region: ${name}`);
    }
    const filters: { name: string; values: string[] }[] = [];
    for (let i = 1; params[`Filter.${i}.Name`] !== undefined; i++) {
      const name = params[`Filter.${i}.Name`] as string;
      if (!FILTERS.has(name)) throw new AwsError("InvalidParameterValue", `The filter '${name}' is invalid`);
      filters.push({ name, values: numbered(params, `Filter.${i}.Value`) });
    }
    const regions = (named.length > 0 ? named : ALL_REGIONS)
      .map((name) => ({
        RegionName: name,
        Endpoint: `ec2.${name}.amazonaws.com`,
        OptInStatus: optInStatus(statusOf(ctx.accountId, name)),
      }))
      // Named regions are described whether enabled or not; otherwise AllRegions decides.
      .filter((r) => named.length > 0 || all || r.OptInStatus !== "not-opted-in")
      .filter((r) =>
        filters.every((f) => {
          const value =
            f.name === "endpoint" ? r.Endpoint : f.name === "opt-in-status" ? r.OptInStatus : r.RegionName;
          return f.values.includes(value);
        }),
      );
    return {
      regionInfo: regions.map((r) => ({
        regionName: r.RegionName,
        regionEndpoint: r.Endpoint,
        optInStatus: r.OptInStatus,
      })),
    };
  }

  return { signingName: "ec2", xmlns: EC2_XMLNS, operations: { DescribeRegions: describeRegions } };
}

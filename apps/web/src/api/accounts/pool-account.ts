import { useParams, useSearchParams } from "react-router";
import { useRegions } from "../regions/queries.ts";

/**
 * The account of the pool a page is about: the `:accountId` of `/accounts/:accountId/pools/…`, or
 * the `account` query parameter of pages outside it (guided creation), else the console's own
 * account (a pool id typed into the creation wizard, an old `/pools/…` link). "" until the own
 * account is known: callers wait (`enabled`) rather than send a request the BFF refuses.
 */
export function usePoolAccount(): string {
  const { accountId } = useParams();
  const [searchParams] = useSearchParams();
  const own = useRegions().data?.accountId ?? "";
  return accountId ?? searchParams.get("account") ?? own;
}

import { Navigate, useLocation, useParams } from "react-router";
import { usePoolAccountOf } from "../../api/pools/queries.ts";
import { useRegions } from "../../api/regions/queries.ts";
import { PageLoading } from "../../components/page-loading.tsx";

/**
 * `/pools/:poolId…` (links made before the console read several accounts, and links whose record
 * names no account): the same page under the account the fleet saw the pool in, else the console's
 * own, `/accounts/:accountId/pools/:poolId…`, query string and all. Before, a member account's pool
 * went to the console's own account and was "not found".
 */
export function LegacyPoolRedirect() {
  const location = useLocation();
  // The route is `pools/*`: the pool id is the first segment of what follows.
  const poolId = (useParams()["*"] ?? "").split("/")[0] ?? "";
  const regions = useRegions();
  const seenIn = usePoolAccountOf(poolId);
  const own = regions.data?.accountId;
  // The fleet's answer, or its failure (the console's own account then, as before).
  const account = seenIn.data ?? (seenIn.isPending ? undefined : own);
  if (!account) return <PageLoading what="pool" />;
  return (
    <Navigate
      replace
      to={`/accounts/${encodeURIComponent(account)}${location.pathname}${location.search}`}
      state={location.state}
    />
  );
}

import { Navigate, useLocation } from "react-router";
import { useRegions } from "../../api/regions/queries.ts";
import { PageLoading } from "../../components/page-loading.tsx";

/**
 * `/pools/:poolId…` (links made before the console read several accounts): the same page under the
 * console's own account, `/accounts/:accountId/pools/:poolId…`, query string and all.
 */
export function LegacyPoolRedirect() {
  const location = useLocation();
  const regions = useRegions();
  const own = regions.data?.accountId;
  if (!own) return <PageLoading what="pool" />;
  return (
    <Navigate
      replace
      to={`/accounts/${encodeURIComponent(own)}${location.pathname}${location.search}`}
      state={location.state}
    />
  );
}

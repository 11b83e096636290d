import { useParams } from "react-router";

export function PoolPage() {
  const { poolId = "" } = useParams();
  return (
    <div className="page">
      <h1>{poolId}</h1>
    </div>
  );
}

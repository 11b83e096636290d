export function PageLoading({ what = "page" }: { what?: string }) {
  return (
    <div className="page" role="status">
      <span>
        <span className="spinner" aria-hidden="true" /> Loading {what}…
      </span>
    </div>
  );
}

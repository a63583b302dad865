export function SummarySkeleton() {
  return (
    <div className="view-loading" role="status" aria-busy="true" aria-label="Loading figures">
      <span className="skeleton skeleton--block" />
      <span className="skeleton skeleton--chart" />
    </div>
  );
}

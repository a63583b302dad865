import type { LinkProblem } from '@/lib/url-state';

/** Says what in the opened link could not be used and what is shown instead, until dismissed. */
export function LinkNotice({ problems, onDismiss }: { problems: LinkProblem[]; onDismiss: () => void }) {
  if (problems.length === 0) return null;
  return (
    <div className="notice notice--warning" role="status">
      <div>
        <p className="notice__title">Part of this link could not be used</p>
        <ul className="notice__list">
          {problems.map((problem) => (
            <li key={problem.message}>{problem.message}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="button button--small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

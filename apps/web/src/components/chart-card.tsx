import { type ReactNode, useId } from 'react';

interface ChartCardProps {
  title: string;
  hint?: string;
  actions?: ReactNode;
  children: ReactNode;
}

export function ChartCard({ title, hint, actions, children }: ChartCardProps) {
  const titleId = useId();
  // Named by its title, so each chart is a landmark screen-reader users can jump to.
  return (
    <section className="card chart-card" aria-labelledby={titleId}>
      <header className="card__header">
        <div>
          <h2 className="card__title" id={titleId}>
            {title}
          </h2>
          {hint ? <p className="card__hint">{hint}</p> : null}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}

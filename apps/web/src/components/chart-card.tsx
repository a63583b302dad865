import type { ReactNode } from 'react';

interface ChartCardProps {
  title: string;
  hint?: string;
  actions?: ReactNode;
  children: ReactNode;
}

export function ChartCard({ title, hint, actions, children }: ChartCardProps) {
  return (
    <section className="card chart-card">
      <header className="card__header">
        <div>
          <h2 className="card__title">{title}</h2>
          {hint ? <p className="card__hint">{hint}</p> : null}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}

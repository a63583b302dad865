import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <div className="empty-state">
      <p className="empty-state__title">This page does not exist.</p>
      <Link to="/" className="button button--primary">
        Go to records
      </Link>
    </div>
  );
}

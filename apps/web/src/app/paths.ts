export function calleePath(digits: string, tz: string): string {
  return `/callee/${digits}?${new URLSearchParams({ tz })}`;
}

/** Where sign-in returns to: only paths inside this app, since an open redirect would hand users to any site. */
export function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/sign-in' || next.startsWith('/sign-in?')) return '/';
  return next;
}

/** The sign-in page, returning to `location` afterwards. */
export function signInPath(location: { pathname: string; search: string }): string {
  const next = `${location.pathname}${location.search}`;
  return next === '/' ? '/sign-in' : `/sign-in?${new URLSearchParams({ next })}`;
}

export function calleePath(digits: string, tz: string): string {
  return `/callee/${digits}?${new URLSearchParams({ tz })}`;
}

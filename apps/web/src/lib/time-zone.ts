export const ACCOUNT_TIME_ZONE = '+08:00';

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

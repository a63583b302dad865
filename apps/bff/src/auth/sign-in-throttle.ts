// Sign-in throttling, counted in the app state every replica shares, so a second replica does not grant
// fresh attempts. Failures are counted per (account, address) pair and per address: an attacker guessing one
// account from one address is paused with a doubling backoff, while the real user signing in from anywhere
// else is not locked out by them. Across many addresses an account only slows down (a short pause, far above
// the pair limit), which is the trade-off: a distributed guesser gets more tries than one address would, and
// in exchange nobody can lock a colleague out by failing on purpose. Scrypt keeps each guess expensive.
import type { AppStateStore } from '../app-state/app-state-store.js';

export const THROTTLE_WINDOW_MS = 15 * 60_000;
const MAX_PAUSE_MS = 15 * 60_000;
const ACCOUNT_MAX_PAUSE_MS = 60_000;

export interface ThrottleOptions {
  /** Failures per (account, address) pair before pauses start; four times as many per address, ten per account. */
  maxFailures: number;
  now?: () => number;
}

export interface ThrottleVerdict {
  retryAfterSeconds: number;
  scope: string;
}

/** No pause below the limit; from there 1 s, 2 s, 4 s … doubling per failure, up to `cap`. */
function backoff(limit: number, cap: number) {
  return (failures: number) => (failures < limit ? 0 : Math.min(cap, 1000 * 2 ** (failures - limit)));
}

export class SignInThrottle {
  private readonly now: () => number;
  private readonly rules: Array<{
    key: (account: string, address: string) => string;
    scope: string;
    block: (n: number) => number;
  }>;

  constructor(
    private readonly state: AppStateStore,
    options: ThrottleOptions,
  ) {
    this.now = options.now ?? Date.now;
    const max = options.maxFailures;
    this.rules = [
      {
        key: (account, address) => `pair:${account}|${address}`,
        scope: 'for this account from this address',
        block: backoff(max, MAX_PAUSE_MS),
      },
      {
        key: (_account, address) => `address:${address}`,
        scope: 'from this address',
        block: backoff(max * 4, MAX_PAUSE_MS),
      },
      {
        key: (account) => `account:${account}`,
        scope: 'for this account',
        block: backoff(max * 10, ACCOUNT_MAX_PAUSE_MS),
      },
    ];
  }

  /** The longest pause that applies now, or null: checked before the password is. */
  async check(username: string, address: string): Promise<ThrottleVerdict | null> {
    const now = this.now();
    let verdict: ThrottleVerdict | null = null;
    for (const rule of this.rules) {
      const entry = await this.state.signInFailures(rule.key(normalise(username), address));
      if (!entry || entry.blockedUntil <= now) continue;
      const retryAfterSeconds = Math.max(1, Math.ceil((entry.blockedUntil - now) / 1000));
      if (!verdict || retryAfterSeconds > verdict.retryAfterSeconds)
        verdict = { retryAfterSeconds, scope: rule.scope };
    }
    return verdict;
  }

  async failed(username: string, address: string): Promise<void> {
    const now = this.now();
    for (const rule of this.rules) {
      await this.state.recordSignInFailure(
        rule.key(normalise(username), address),
        now,
        THROTTLE_WINDOW_MS,
        rule.block,
      );
    }
  }

  /** A correct password clears the pair's count (the address and account counts age out on their own). */
  async succeeded(username: string, address: string): Promise<void> {
    await this.state.clearSignInFailures(this.rules[0]!.key(normalise(username), address));
  }

  /** Drops counts whose window and pause are over (called from the housekeeping timer). */
  async prune(): Promise<void> {
    await this.state.deleteStaleSignInFailures(this.now() - Math.max(THROTTLE_WINDOW_MS, MAX_PAUSE_MS));
  }
}

const normalise = (username: string) => username.toLowerCase().slice(0, 64);

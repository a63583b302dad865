import { z } from 'zod';

/** How much of a requested range is in the store, so the SPA can say "still syncing" instead of "no calls". */
export const coverageSchema = z.object({
  /** Every part of the range inside upstream retention is synced and complete. */
  complete: z.boolean(),
  /** Parts of the range not yet synced (UTC instants). */
  missing: z.array(z.object({ from: z.string(), to: z.string() })),
  /** When the newest part of the range was last synced. */
  lastSyncedAt: z.string().nullable(),
  /** A sync touching this range is running. */
  syncing: z.boolean(),
  /** Part of the range lies before the upstream's two-month horizon: only what the archive holds is shown. */
  beforeRetention: z.boolean(),
  /** The oldest instant the upstream still serves (UTC): before it, only the archive answers. */
  horizon: z.string(),
});
export type Coverage = z.infer<typeof coverageSchema>;

// Several replicas, one sync: before a replica syncs a window it takes that window's lease, so no two
// replicas page the same window at once. A lease expires unless its holder renews it, so when the holder
// dies another replica takes over after the expiry; upserts by voiceId mean a half-synced window read
// again adds no duplicates, and the ledger row written last means no gap is ever marked complete.
export interface WindowLease {
  /** Takes (or renews) the lease on a window; false while another live replica holds it. */
  tryAcquire(windowKey: number): Promise<boolean>;
  /** Lets the window go (after its save committed, or when the sync of it failed). */
  release(windowKey: number): Promise<void>;
  /** How long to wait before asking again for a window another replica holds. */
  readonly retryMs: number;
}

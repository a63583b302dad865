// Archive retention on both engines: records older than the cut-off go, with the ledger windows they
// filled, and nothing newer is touched. (By default nothing is ever removed: Callboard is the archive.)
import { startSimulator } from '@callboard/itnio-simulator';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXED_NOW } from '../test-support/harness.js';
import { closeStores, STORE_ENGINES as engines } from '../test-support/store-engines.js';
import { toStoredRecord } from './record-mapping.js';

const DAY = 86_400_000;
afterAll(closeStores);
describe.each(engines)('archive retention on %s', (_engine, open) => {
  it('removes records and ledger windows older than the cut-off and keeps the rest', async () => {
    const store = await open();
    const simulator = await startSimulator({
      port: 0,
      seed: 3,
      callsPerDay: 100,
      key: 'k',
      secret: 's',
      now: () => FIXED_NOW,
    });
    const upstream = simulator.dataset.recordsBetween(FIXED_NOW - 4 * DAY, FIXED_NOW, FIXED_NOW);
    await simulator.close();
    await store.upsertRecords(
      upstream.map((r) => toStoredRecord(r as Parameters<typeof toStoredRecord>[0], FIXED_NOW)),
    );
    for (let day = 4; day >= 1; day--) {
      const from = FIXED_NOW - day * DAY;
      await store.saveWindow({
        from,
        to: from + DAY,
        coveredTo: from + DAY,
        state: 'complete',
        upstreamTotal: 0,
        stored: 0,
        pages: 1,
        passes: 1,
        syncedAt: FIXED_NOW,
        error: null,
      });
    }
    const cut = FIXED_NOW - 2 * DAY;
    const older = upstream.filter((r) => Date.parse(r.submitTime) < cut).length;

    const removed = await store.deleteBefore(cut);

    expect(older).toBeGreaterThan(0);
    expect(removed).toBe(older);
    expect(await store.countBetween(0, cut)).toBe(0);
    expect(await store.countBetween(cut, FIXED_NOW)).toBe(upstream.length - older);
    expect((await store.windowsBetween(0, FIXED_NOW)).map((w) => w.from)).toEqual([cut, FIXED_NOW - DAY]);
  });
});

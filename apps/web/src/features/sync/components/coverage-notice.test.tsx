import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '@/testing/api-stub';
import { syncStatusBody } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { CoverageNotice } from './coverage-notice';
import { SyncIndicator } from './sync-indicator';

const syncing = {
  complete: false,
  missing: [],
  lastSyncedAt: null,
  syncing: true,
  beforeRetention: false,
  horizon: '2026-09-28T23:30:00.000Z',
};

describe('sync state', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows one state when the upstream fails while a range syncs: the failure, not "still syncing"', async () => {
    stubApi({
      '/api/sync': {
        body: {
          ...syncStatusBody,
          running: [],
          upstreamError: {
            kind: 'auth',
            message: 'The vendor refused the API key.',
            at: '2026-11-28T23:00:00.000Z',
          },
        },
      },
    });
    renderWithProviders(<CoverageNotice coverage={syncing} tz="UTC" />);

    expect(await screen.findByText(/could not be synced/)).toBeTruthy();
    expect(screen.getByText(/The vendor refused the API key\./)).toBeTruthy();
    expect(screen.queryByText(/Still syncing/)).toBeNull();
  });

  it("names the server's archive horizon in the chosen zone", () => {
    stubApi({ '/api/sync': { body: syncStatusBody } });
    renderWithProviders(
      <CoverageNotice coverage={{ ...syncing, complete: true, beforeRetention: true }} tz="Asia/Tokyo" />,
    );
    // 2026-09-28T23:30Z is 08:30 the next day in Tokyo.
    expect(
      screen.getByText(/before 2026-09-29 08:30 \(Asia\/Tokyo\), older than the upstream keeps/),
    ).toBeTruthy();
  });

  it('gives the last sync time in the chosen zone', async () => {
    stubApi({ '/api/sync': { body: syncStatusBody } });
    renderWithProviders(
      <SyncIndicator
        range={{ from: '2026-11-01', to: '2026-11-08', tz: 'Asia/Tokyo' }}
        fallbackLastSyncAt={null}
        canStart={false}
      />,
    );
    const age = await screen.findByText(/^Synced /);
    await vi.waitFor(() =>
      expect(age.getAttribute('title')).toBe('Last completed sync: 2026-11-29 08:00:00 (Asia/Tokyo)'),
    );
  });
});

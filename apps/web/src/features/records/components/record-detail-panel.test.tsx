import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '@/testing/api-stub';
import { recordRow } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { RecordDetailPanel } from './record-detail-panel';

const original = {
  submitTime: '2026-11-29T07:30:00+08:00',
  callTime: '2026-11-29T07:30:01+08:00',
  ringingTime: '2026-11-29T07:30:04+08:00',
  answerTime: '2026-11-29T07:30:10+08:00',
  hangupTime: '2026-11-29T07:31:25+08:00',
};

function detail(overrides: Parameters<typeof recordRow>[0] = {}) {
  return { ...recordRow(overrides), original, syncedAt: '2026-11-29T00:00:00.000Z' };
}

function fact(term: string, scope: HTMLElement = document.body) {
  const dt = within(scope).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling!.textContent;
}

describe('RecordDetailPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows "no key pressed" as the same dash as the table', async () => {
    stubApi({ '/api/records/v-1': { body: detail({ feedbackValue: '-1' }) } });
    renderWithProviders(
      <RecordDetailPanel
        voiceId="v-1"
        tz="UTC"
        onClose={vi.fn()}
        calleeHref={() => '/callee/1'}
        moneyVisible
      />,
    );

    const billing = (await screen.findByRole('heading', { name: 'Billing' })).parentElement!;
    expect(fact('Key pressed', billing)).toBe('–');
    expect(screen.getByRole('heading', { name: 'Timeline' })).toBeTruthy();
    expect(fact('Cost', billing)).toBe('€0.0375');
  });

  it('has no money rows for a role without money, and closes on Escape', async () => {
    const { cost, rate, baseCost, settleRate, settlePay, quoteExchange, ...withoutMoney } = detail();
    stubApi({ '/api/records/v-1': { body: withoutMoney } });
    const onClose = vi.fn();
    renderWithProviders(
      <RecordDetailPanel
        voiceId="v-1"
        tz="UTC"
        onClose={onClose}
        calleeHref={() => '/callee/1'}
        moneyVisible={false}
      />,
    );

    await screen.findByRole('heading', { name: 'Billing' });
    const terms = screen.getAllByRole('term').map((dt) => dt.textContent);
    expect(terms).toContain('Charged vs talked');
    for (const money of [
      'Cost',
      'Rate',
      'Base cost',
      'Base cost (USD)',
      'Settle rate / pay',
      'Settle rate / pay (local currency)',
      'Quote exchange',
    ]) {
      expect(terms).not.toContain(money);
    }
    await userEvent.setup().keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

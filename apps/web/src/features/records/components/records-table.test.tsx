import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { recordRow } from '@/testing/fixtures';
import { RecordsTable } from './records-table';

const rows = [
  recordRow({ voiceId: 'a', currency: 'EUR', cost: '0.03750000', callDuration: 75 }),
  recordRow({
    voiceId: 'b',
    callee: '4915112345678',
    currency: 'USD',
    cost: '12.50000000',
    answered: false,
    terminationCode: '487',
    terminationReason: 'Request Terminated',
  }),
];

function renderTable(overrides: Partial<Parameters<typeof RecordsTable>[0]> = {}) {
  const props = {
    rows,
    columnIds: ['cost', 'submitTime', 'callDuration', 'terminationCode'] as const,
    sort: { field: 'submitTime', direction: 'desc' } as const,
    onSortChange: vi.fn(),
    tz: '+08:00',
    onOpen: vi.fn(),
    isLoading: false,
    isFetching: false,
    skeletonRows: 3,
    caption: 'Calls',
    ...overrides,
  };
  const view = render(<RecordsTable {...props} columnIds={[...props.columnIds]} />);
  return {
    ...props,
    rerender: (next: Partial<typeof props>) =>
      view.rerender(<RecordsTable {...props} {...next} columnIds={[...props.columnIds]} />),
  };
}

describe('RecordsTable', () => {
  it('renders columns in the chosen order with money per currency, m:ss and zoned times', () => {
    renderTable();
    const headers = screen
      .getAllByRole('columnheader')
      .map((th) => th.textContent?.replace(/[▲▼↕]/g, '').trim());
    expect(headers).toEqual(['Cost', 'Submitted', 'Talk time', 'Termination code']);
    const [first, second] = screen.getAllByRole('row').slice(1);
    expect(
      within(first!)
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ).toEqual(['€0.0375', '2026-11-29 07:30:00', '1:15', '200OK']);
    expect(within(second!).getAllByRole('cell')[0]!.textContent).toBe('$12.50');
  });

  it('gives each row a named button that opens it from the keyboard, and sorts from the header', async () => {
    const user = userEvent.setup();
    const props = renderTable();
    const open = screen.getByRole('button', {
      name: 'Details of the call to +447700900123 submitted 2026-11-29 07:30:00',
    });
    expect(within(screen.getAllByRole('row')[1]!).getAllByRole('cell')[0]!.contains(open)).toBe(true);
    // Four sort buttons, then one control per row.
    for (let i = 0; i < 6; i++) await user.tab();
    expect(document.activeElement).toBe(within(screen.getAllByRole('row')[2]!).getByRole('button'));
    await user.keyboard('{Enter}');
    expect(props.onOpen).toHaveBeenCalledWith('b');
    const costSort = screen.getByRole('button', { name: /Cost/ });
    expect(costSort.getAttribute('title')).toBe(
      'Sorts by currency first, then by amount within each currency.',
    );
    expect(document.getElementById(costSort.getAttribute('aria-describedby')!)?.textContent).toContain(
      'currency first',
    );
    await user.click(costSort);
    expect(props.onSortChange).toHaveBeenCalledWith({ field: 'cost', direction: 'desc' });
    await user.click(screen.getByRole('button', { name: /Submitted/ }));
    expect(props.onSortChange).toHaveBeenLastCalledWith({ field: 'submitTime', direction: 'asc' });
  });

  it('gives focus back to the row whose details were open when the panel closes', () => {
    const { rerender } = renderTable({ selectedId: 'b' });
    document.body.focus();

    rerender({ selectedId: undefined });

    expect(document.activeElement).toBe(within(screen.getAllByRole('row')[2]!).getByRole('button'));
  });

  it('shows a call still in progress as such, not as a missing code', () => {
    renderTable({
      rows: [
        recordRow({
          voiceId: 'p',
          inProgress: true,
          hangupTime: null,
          terminationCode: '',
          terminationReason: '',
          answered: false,
        }),
      ],
    });
    expect(within(screen.getAllByRole('row')[1]!).getAllByRole('cell')[3]!.textContent).toBe('In progress');
  });

  it('shows base cost in USD on a EUR row', () => {
    renderTable({
      rows: [recordRow({ voiceId: 'e', currency: 'EUR', baseCost: '0.02' })],
      columnIds: ['baseCost'] as never,
    });
    expect(within(screen.getAllByRole('row')[1]!).getByRole('cell').textContent).toBe('$0.02');
  });

  it('shows "no key pressed" (-1) as a dash', () => {
    renderTable({
      rows: [recordRow({ voiceId: 'k', feedbackValue: '-1' })],
      columnIds: ['feedbackValue'] as never,
    });
    expect(within(screen.getAllByRole('row')[1]!).getByRole('cell').textContent).toBe('–');
  });
});

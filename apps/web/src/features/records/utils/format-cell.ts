// One formatter per column, used by the table cells and by "Export visible", so the CSV says exactly
// what the screen says.
import {
  columnById,
  type createZonedFormatter,
  type RecordColumnId,
  type RecordRow,
  trimDecimal,
} from '@callboard/contracts';
import { formatCallee, formatDuration, formatMoney, NO_VALUE } from '@/lib/format';

/** Amounts in the account's local currency (settlement), which the upstream leaves unnamed. */
export const LOCAL_CURRENCY_MONEY: ReadonlySet<RecordColumnId> = new Set(['settlePay', 'settleRate']);

export type ZonedFormatter = ReturnType<typeof createZonedFormatter>;

export function formatCell(row: RecordRow, id: RecordColumnId, zoned: ZonedFormatter): string {
  const column = columnById(id);
  const value = row[id];
  if (value === null || value === undefined) return '';
  switch (column.kind) {
    case 'time':
      return zoned.dateTime(Date.parse(String(value)));
    case 'duration':
      return formatDuration(Number(value));
    case 'seconds':
      return `${value} s`;
    case 'bool':
      return value ? 'Yes' : 'No';
    case 'money':
      // Settle amounts are in the account's local currency, which the vendor does not name: no symbol.
      if (LOCAL_CURRENCY_MONEY.has(id)) return `${trimDecimal(String(value))} local`;
      // The vendor states base cost in USD whatever the row's currency.
      return formatMoney(String(value), id === 'baseCost' ? 'USD' : row.currency);
    case 'decimal':
      return String(value);
    case 'text':
      if (id === 'callee') return formatCallee(row.callee);
      if (id === 'currency') return row.currency || 'USD';
      // Upstream writes -1 when no key was pressed: shown as the dash, never as a key called "-1".
      if (id === 'feedbackValue')
        return row.feedbackValue === '-1' || row.feedbackValue === '' ? NO_VALUE : row.feedbackValue;
      if (id === 'terminationCode' && row.inProgress) return 'In progress';
      if (id === 'terminationCode')
        return row.terminationReason
          ? `${row.terminationCode} ${row.terminationReason}`
          : row.terminationCode;
      return String(value);
  }
}

/** Callees export as digits: a leading `+` would make spreadsheets read a formula or mangle the number. */
export function exportCell(row: RecordRow, id: RecordColumnId, zoned: ZonedFormatter): string {
  if (id === 'callee') return row.callee.replace(/^\+/, '');
  return formatCell(row, id, zoned);
}

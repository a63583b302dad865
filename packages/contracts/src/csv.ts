// The CSV format of every file Callboard writes (the records export, "Export visible", the figures
// tables, scheduled reports), defined once. Spreadsheets are the reader: UTF-8 with a BOM so Excel reads
// non-ASCII, CRLF lines, RFC 4180 quoting, numbers as plain numbers (no grouping, no currency sign),
// durations in whole seconds, times as `YYYY-MM-DD HH:mm:ss` in the zone named in the header, and a guard
// against text that a spreadsheet would run as a formula. Every money amount has its currency beside it
// or in its header. DuckDB restates the cell rules in SQL for speed; a test holds it to these bytes.
import { type ColumnKind, columnById, type RecordColumnId } from './records.js';
import { createZonedFormatter } from './time.js';

export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number: kept as data even when it starts with `-` or `+`. */
export const CSV_PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** Quotes a cell when it holds a comma, quote or line break. */
export function csvQuote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Free text as a safe cell: a leading =, +, -, @, tab or CR gets an apostrophe so a spreadsheet shows it
 * instead of running it, except plain numbers such as `-1`, which stay numbers.
 */
export function csvText(text: string): string {
  return csvQuote(FORMULA_START.test(text) && !CSV_PLAIN_NUMBER.test(text) ? `'${text}` : text);
}

/** A figure: numbers as plain digits (`1817`, `0.0375`), text guarded, absent values empty. */
export function csvValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvText(value);
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.join(',')}${CSV_EOL}`;
}

/** A whole small file (figures tables): BOM, header, rows. Values go through csvValue. */
export function csvDocument(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): string {
  return CSV_BOM + csvLine(header.map(csvText)) + rows.map((row) => csvLine(row.map(csvValue))).join('');
}

// ---- the records export ------------------------------------------------------------------------------

/** One column of a records CSV: which record field fills it, and its header. */
export interface RecordCsvColumn {
  source: RecordColumnId;
  header: string;
  kind: ColumnKind;
}

/** Money in the record's quote currency: each is followed by a currency column in every export. */
const QUOTE_CURRENCY_MONEY: ReadonlySet<RecordColumnId> = new Set(['cost', 'rate']);
/** Amounts the vendor gives in the account's local currency (本币), which it does not name. */
const LOCAL_CURRENCY_MONEY: ReadonlySet<RecordColumnId> = new Set(['settlePay', 'settleRate']);

/**
 * The CSV columns for the chosen record columns, in their order. A quote-currency amount (cost, rate) is
 * followed by its currency, a termination code by its reason (as on screen) unless the reason is chosen
 * too; times name the zone, durations their unit.
 */
export function recordCsvColumns(ids: readonly RecordColumnId[], tz: string): RecordCsvColumn[] {
  const out: RecordCsvColumn[] = [];
  for (const id of ids) {
    const column = columnById(id);
    let header: string = column.label;
    if (column.kind === 'time') header = `${column.label} (${tz})`;
    else if (column.kind === 'duration' || column.kind === 'seconds') header = `${column.label} (s)`;
    else if (LOCAL_CURRENCY_MONEY.has(id)) header = `${column.label} (local currency)`;
    out.push({ source: id, header, kind: column.kind });
    if (QUOTE_CURRENCY_MONEY.has(id))
      out.push({ source: 'currency', header: `${column.label} currency`, kind: 'text' });
    if (id === 'terminationCode' && !ids.includes('terminationReason')) {
      out.push({ source: 'terminationReason', header: columnById('terminationReason').label, kind: 'text' });
    }
  }
  return out;
}

/** The distinct record fields a file with these columns carries, in first-use order (Parquet's columns). */
export function exportSources(columns: readonly RecordCsvColumn[]): RecordColumnId[] {
  return [...new Set(columns.map((c) => c.source))];
}

export function recordCsvHeader(columns: readonly RecordCsvColumn[]): string {
  return csvLine(columns.map((c) => csvText(c.header)));
}

type ZonedFormatter = ReturnType<typeof createZonedFormatter>;

/**
 * One record cell. `value` is as stored: times in UTC epoch ms, money an exact decimal string, durations
 * whole seconds. The upstream's `-1` for "no key pressed" is an empty cell, as the screen shows no key.
 */
export function recordCsvCell(
  source: RecordColumnId,
  kind: ColumnKind,
  value: string | number | boolean | null | undefined,
  zoned: ZonedFormatter,
): string {
  if (value === null || value === undefined || value === '') return '';
  switch (kind) {
    case 'time':
      return zoned.dateTime(Number(value));
    case 'bool':
      return value ? 'yes' : 'no';
    case 'money':
    case 'decimal':
    case 'duration':
    case 'seconds':
      return String(value);
    case 'text':
      if (source === 'feedbackValue' && value === '-1') return '';
      return csvText(String(value));
  }
}

/** A CSV line of one record given as a field getter, times in the formatter's zone. */
export function recordCsvLine(
  columns: readonly RecordCsvColumn[],
  field: (id: RecordColumnId) => string | number | boolean | null | undefined,
  zoned: ZonedFormatter,
): string {
  return csvLine(columns.map((c) => recordCsvCell(c.source, c.kind, field(c.source), zoned)));
}

/**
 * `callboard-calls_2026-11-01_to_2026-11-30_Europe-Berlin.csv`: the range as the user chose it, as days
 * in the user's zone (the last day included, so a month ends on its last day, not the next one's first).
 */
export function exportFileName(
  what: string,
  range: { from: number | null; to: number | null; tz: string },
  extension = 'csv',
): string {
  const zoned = createZonedFormatter(range.tz);
  const from = range.from === null ? 'start' : zoned.day(range.from);
  const to = range.to === null ? 'now' : zoned.day(range.to - 1);
  const zone = range.tz.replace(/[^\w+-]+/g, '-');
  return `callboard-${what}_${from}_to_${to}_${zone}.${extension}`;
}

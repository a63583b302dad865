// The records table, described once: each stored column, the StoredRecord field it holds, its kind and
// whether it may be empty, and the API column it answers to. DuckDB's and PostgreSQL's DDL, DuckDB's staging
// table and appender order, PostgreSQL's batch upsert, the API-column → SQL map (the allow-list for sort and
// export) and the money/time column sets are all derived from this table. Version 1 of both engines'
// migrations creates the table from it; a column added later goes here and into a new migration written
// `ADD COLUMN IF NOT EXISTS` (a new database already has it from version 1).
import { RECORD_COLUMN_IDS, type RecordColumnId } from '@callboard/contracts';
import type { StoredRecord } from './record-mapping.js';

/** text; instant = UTC epoch ms (BIGINT); int = INTEGER; money = exact DECIMAL(18,8); bool. */
export type StoredKind = 'text' | 'instant' | 'int' | 'money' | 'bool';
export type SqlEngine = 'duckdb' | 'postgres';

export interface RecordField {
  column: string;
  field: keyof StoredRecord;
  kind: StoredKind;
  nullable: boolean;
  /** The API column it is served as (sort, filter, export), when it is one. */
  api?: RecordColumnId;
  /** A short note kept beside the column in the DDL. */
  note?: string;
}

const f = (
  column: string,
  field: keyof StoredRecord,
  kind: StoredKind,
  extra: Partial<RecordField> = {},
): RecordField => ({
  column,
  field,
  kind,
  nullable: false,
  ...extra,
});

export const RECORD_FIELDS: readonly RecordField[] = [
  f('voice_id', 'voiceId', 'text', { api: 'voiceId' }),
  f('callee', 'callee', 'text', { api: 'callee' }),
  f('display_num', 'displayNum', 'text', { api: 'displayNum' }),
  f('code', 'code', 'text', { api: 'code' }),
  f('submit_at', 'submitAt', 'instant', { api: 'submitTime', note: 'UTC epoch ms' }),
  f('call_at', 'callAt', 'instant', { api: 'callTime', nullable: true }),
  f('ringing_at', 'ringingAt', 'instant', { api: 'ringingTime', nullable: true }),
  f('answer_at', 'answerAt', 'instant', { api: 'answerTime', nullable: true }),
  f('hangup_at', 'hangupAt', 'instant', { api: 'hangupTime', nullable: true }),
  f('submit_time_raw', 'submitTimeRaw', 'text', { note: "the upstream's own strings, offsets included" }),
  f('call_time_raw', 'callTimeRaw', 'text'),
  f('ringing_time_raw', 'ringingTimeRaw', 'text'),
  f('answer_time_raw', 'answerTimeRaw', 'text'),
  f('hangup_time_raw', 'hangupTimeRaw', 'text'),
  f('call_duration', 'callDuration', 'int', { api: 'callDuration' }),
  f('charged_duration', 'chargedDuration', 'int', { api: 'chargedDuration' }),
  f('termination_code', 'terminationCode', 'text', { api: 'terminationCode' }),
  f('termination_reason', 'terminationReason', 'text', { api: 'terminationReason' }),
  f('bill_period', 'billPeriod', 'text', { api: 'billPeriod' }),
  f('voice_file_id', 'voiceFileId', 'text', { api: 'voiceFileId' }),
  f('feedback_value', 'feedbackValue', 'text', { api: 'feedbackValue' }),
  f('called_info', 'calledInfo', 'text', { api: 'calledInfo' }),
  f('currency', 'currency', 'text', {
    api: 'currency',
    note: "quote currency; the upstream's empty/absent means USD",
  }),
  f('cost', 'cost', 'money', { api: 'cost', note: 'exact decimals, in the quote currency' }),
  f('rate', 'rate', 'money', { api: 'rate' }),
  f('base_cost', 'baseCost', 'money', { api: 'baseCost', note: 'USD' }),
  f('settle_rate', 'settleRate', 'money', { api: 'settleRate', nullable: true }),
  f('quote_exchange', 'quoteExchange', 'money', { api: 'quoteExchange', nullable: true }),
  f('settle_pay', 'settlePay', 'money', { api: 'settlePay', nullable: true }),
  f('answered', 'answered', 'bool', { api: 'answered' }),
  f('ring_seconds', 'ringSeconds', 'int', { api: 'ringSeconds', nullable: true }),
  f('answer_delay_seconds', 'answerDelaySeconds', 'int', { api: 'answerDelaySeconds', nullable: true }),
  f('overhead_seconds', 'overheadSeconds', 'int', { api: 'overheadSeconds' }),
  f('synced_at', 'syncedAt', 'instant'),
];

const SQL_TYPES: Record<SqlEngine, Record<StoredKind, string>> = {
  // "C": text sorts and compares by code point in PostgreSQL, exactly as in DuckDB.
  postgres: {
    text: 'TEXT COLLATE "C"',
    instant: 'BIGINT',
    int: 'INTEGER',
    money: 'NUMERIC(18,8)',
    bool: 'BOOLEAN',
  },
  duckdb: { text: 'VARCHAR', instant: 'BIGINT', int: 'INTEGER', money: 'DECIMAL(18,8)', bool: 'BOOLEAN' },
};

/** `CREATE TABLE records (...)` in the engine's dialect; voice_id is PostgreSQL's key (DuckDB merges by it). */
export function recordsTableSql(engine: SqlEngine): string {
  const lines = RECORD_FIELDS.map((field) => {
    const key =
      engine === 'postgres' && field.column === 'voice_id'
        ? ' PRIMARY KEY'
        : field.nullable
          ? ''
          : ' NOT NULL';
    const note = field.note ? ` -- ${field.note}` : '';
    return `  ${field.column} ${SQL_TYPES[engine][field.kind]}${key},${note}`;
  });
  // The last column takes no comma: move it behind the note.
  const last = lines.length - 1;
  lines[last] = lines[last]!.replace(/,( --.*)?$/, '$1');
  return `CREATE TABLE records (\n${lines.join('\n')}\n);`;
}

/** The sync ledger, one row per UTC-day window. */
export function syncWindowsTableSql(engine: SqlEngine): string {
  const text = engine === 'postgres' ? 'TEXT' : 'VARCHAR';
  return `CREATE TABLE sync_windows (
  window_from BIGINT PRIMARY KEY,
  window_to BIGINT NOT NULL,
  covered_to BIGINT NOT NULL,
  state ${text} NOT NULL,
  upstream_total INTEGER,
  stored INTEGER,
  pages INTEGER NOT NULL,
  passes INTEGER NOT NULL,
  synced_at BIGINT NOT NULL,
  error ${text}
);`;
}

/** API column id → stored column: also the allow-list for sort and export (nothing else reaches SQL). */
export const COLUMN_SQL = Object.fromEntries(
  RECORD_COLUMN_IDS.map((id) => {
    const field = RECORD_FIELDS.find((candidate) => candidate.api === id);
    if (!field) throw new Error(`record-schema: API column ${id} has no stored column`);
    return [id, field.column];
  }),
) as Record<RecordColumnId, string>;

export const MONEY_SQL_COLUMNS: ReadonlySet<string> = new Set(
  RECORD_FIELDS.filter((c) => c.kind === 'money').map((c) => c.column),
);
export const TIME_SQL_COLUMNS: ReadonlySet<string> = new Set(
  RECORD_FIELDS.filter((c) => c.kind === 'instant').map((c) => c.column),
);

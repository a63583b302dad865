// What the BFF needs from a store: the embedded engine (DuckDB) and the server engine for several
// replicas (PostgreSQL) implement it, and one test suite holds both to it.
import type {
  FacetsResponse,
  RecordColumnId,
  RecordCsvColumn,
  RecordDetail,
  RecordRow,
  ResolvedFilters,
  Sort,
  SummaryResponse,
} from '@callboard/contracts';
import type { CsvChunk, ExportBatch } from './csv-format.js';
import type { StoredRecord } from './record-mapping.js';

/** One row of the sync ledger: a time window and how much of it is known to be in the store. */
export interface LedgerWindow {
  from: number;
  to: number;
  /** The window is complete for [from, coveredTo); less than `to` for a window that reaches into the present. */
  coveredTo: number;
  /** `mismatch`: every pass disagreed with the upstream's total; the window is read again later. */
  state: 'complete' | 'mismatch';
  upstreamTotal: number | null;
  stored: number | null;
  pages: number;
  passes: number;
  syncedAt: number;
  error: string | null;
}

export type SummaryFigures = Omit<SummaryResponse, 'coverage' | 'range'>;
export type FacetFigures = Omit<FacetsResponse, 'coverage'>;

export interface ArchiveTotals {
  records: number;
  /** ISO instants of the oldest and newest call, or null for an empty store. */
  oldest: string | null;
  newest: string | null;
  /** Currency → exact sum of cost, trailing zeros trimmed. */
  costByCurrency: Record<string, string>;
  windows: number;
}

export interface StoreStats {
  records: number;
  oldest: number | null;
  newest: number | null;
}

export interface RecordStore {
  readonly engine: string;
  /** Inserts or replaces by voiceId; a record seen twice is stored once, with its latest fields. */
  upsertRecords(records: StoredRecord[]): Promise<void>;
  /** Distinct voiceIds stored with submitAt in [from, to). */
  countBetween(from: number, to: number): Promise<number>;
  saveWindow(window: LedgerWindow): Promise<void>;
  /** Archive retention: removes records submitted before `before`, and the ledger windows they filled. */
  deleteBefore(before: number): Promise<number>;
  windowsBetween(from: number, to: number): Promise<LedgerWindow[]>;
  queryRecords(
    filters: ResolvedFilters,
    sort: Sort,
    page: number,
    pageSize: number,
  ): Promise<{ rows: RecordRow[]; total: number }>;
  getRecord(voiceId: string): Promise<RecordDetail | null>;
  /** Totals, per-operator, per-day, per-increment figures; `shortCallSeconds` is a DURATION_EDGES value. */
  summary(filters: ResolvedFilters, shortCallSeconds: number): Promise<SummaryFigures>;
  facets(filters: ResolvedFilters): Promise<FacetFigures>;
  /** Every matching row as CSV-ready cells, in batches, without holding the result in memory. */
  exportRows(
    filters: ResolvedFilters,
    sort: Sort,
    columns: readonly RecordColumnId[],
  ): AsyncIterable<ExportBatch>;
  /** The same rows as CSV lines (no header), times in `filters.tz`, by contracts' CSV format (csv.ts). */
  exportCsv(
    filters: ResolvedFilters,
    sort: Sort,
    columns: readonly RecordCsvColumn[],
  ): AsyncIterable<CsvChunk>;
  /** Every matching row as a Parquet file at `file` (typed columns `sources`, the export's order); the row count. */
  exportParquet(
    filters: ResolvedFilters,
    sort: Sort,
    sources: readonly RecordColumnId[],
    file: string,
  ): Promise<number>;
  stats(): Promise<StoreStats>;
  /** A consistent copy of the archive (records and ledger) as Parquet files in `dir`, from one snapshot. */
  snapshotTo(dir: string): Promise<void>;
  /** Loads a snapshot's files into this store, which must hold no records yet. */
  restoreFrom(dir: string): Promise<void>;
  /** Everything stored: calls, oldest and newest, exact cost per currency (a backup's figures are compared with it). */
  archiveTotals(): Promise<ArchiveTotals>;
  /** Resolves when the store answers a trivial query (readiness); rejects when it is unreachable. */
  ping(): Promise<void>;
  /** Counts committed writes, so answers can be cached until the data changes; absent when another process may write. */
  dataVersion?(): number;
  close(): Promise<void>;
}

/** A query ran past its time budget and was cancelled; the request gets a 503 that says to narrow it. */
export class QueryTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The query took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`);
  }
}

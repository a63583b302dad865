// What the BFF needs from a store: the embedded engine (DuckDB) and the server engine for several
// replicas (PostgreSQL) implement it, and one test suite holds both to it.
import type {
  FacetsResponse,
  RecordColumnId,
  RecordDetail,
  RecordRow,
  ResolvedFilters,
  Sort,
  SummaryResponse,
} from '@callboard/contracts';
import type { CsvChunk } from './csv-format.js';
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
  summary(filters: ResolvedFilters, top: number): Promise<SummaryFigures>;
  facets(filters: ResolvedFilters): Promise<FacetFigures>;
  /** Every matching row as CSV-ready cells, in batches, without holding the result in memory. */
  exportRows(filters: ResolvedFilters, sort: Sort, columns: readonly RecordColumnId[]): AsyncIterable<ExportBatch>;
  /** The same rows as CSV text (CRLF lines, no header), times in `filters.tz`, by the rules of csv-format.ts. */
  exportCsv(filters: ResolvedFilters, sort: Sort, columns: readonly RecordColumnId[]): AsyncIterable<CsvChunk>;
  stats(): Promise<StoreStats>;
  /** Counts committed writes, so answers can be cached until the data changes; absent when another process may write. */
  dataVersion?(): number;
  close(): Promise<void>;
}

/** Column-major cells of one batch: `columns[i][r]` is column i of row r. Times are UTC ms, money strings. */
export interface ExportBatch {
  rowCount: number;
  columns: Array<ReadonlyArray<string | number | boolean | null>>;
}

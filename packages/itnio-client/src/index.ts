export { backoffDelayMs, MAX_RETRY_AFTER_MS, parseRetryAfterMs } from './backoff.js';
export {
  type AttemptOutcome,
  createItnioClient,
  ItnioClient,
  type ItnioClientOptions,
  type ItnioLogger,
  type PagesOfOptions,
  type QueryPageInput,
  RECORD_GROUP_QUERY_PATH,
  type WindowPage,
} from './client.js';
export { ItnioError, type ItnioErrorInit, type ItnioErrorKind, isItnioError } from './errors.js';
export {
  type Envelope,
  envelopeSchema,
  MONEY_PATTERN,
  type QueryRequest,
  queryRequestSchema,
  type RecordPage,
  recordPageEnvelopeSchema,
  recordPageSchema,
  type UpstreamRecord,
  upstreamRecordSchema,
  VENDOR_TIME_PATTERN,
} from './schemas.js';
export { sign } from './sign.js';
export { formatVendorTime, type Instant, VENDOR_OFFSET } from './time.js';
export {
  DAY_MS,
  MAX_WINDOW_MS,
  type PlanWindowsOptions,
  planWindows,
  RETENTION_MONTHS,
  RETENTION_SAFETY_MARGIN_MS,
  retentionHorizon,
  type TimeWindow,
  type WindowPlan,
  windowsNewestFirst,
} from './windows.js';

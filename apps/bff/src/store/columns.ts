import type { RecordColumnId } from '@callboard/contracts';

/** API column id → stored column. Also the allow-list for sorting and export: nothing else reaches SQL. */
export const COLUMN_SQL: Record<RecordColumnId, string> = {
  submitTime: 'submit_at',
  callee: 'callee',
  code: 'code',
  answered: 'answered',
  terminationCode: 'termination_code',
  terminationReason: 'termination_reason',
  callDuration: 'call_duration',
  chargedDuration: 'charged_duration',
  billPeriod: 'bill_period',
  cost: 'cost',
  currency: 'currency',
  rate: 'rate',
  baseCost: 'base_cost',
  settlePay: 'settle_pay',
  settleRate: 'settle_rate',
  quoteExchange: 'quote_exchange',
  feedbackValue: 'feedback_value',
  displayNum: 'display_num',
  callTime: 'call_at',
  ringingTime: 'ringing_at',
  answerTime: 'answer_at',
  hangupTime: 'hangup_at',
  ringSeconds: 'ring_seconds',
  answerDelaySeconds: 'answer_delay_seconds',
  overheadSeconds: 'overhead_seconds',
  calledInfo: 'called_info',
  voiceFileId: 'voice_file_id',
  voiceId: 'voice_id',
};

export const MONEY_SQL_COLUMNS = new Set(['cost', 'rate', 'base_cost', 'settle_rate', 'quote_exchange', 'settle_pay']);
export const TIME_SQL_COLUMNS = new Set(['submit_at', 'call_at', 'ringing_at', 'answer_at', 'hangup_at']);

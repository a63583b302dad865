import { type RecordRow, ROLE_PERMISSIONS } from '@callboard/contracts';

export function recordRow(overrides: Partial<RecordRow> = {}): RecordRow {
  return {
    voiceId: 'v-1',
    callee: '447700900123',
    displayNum: '1008122211',
    code: 'United Kingdom(Vodafone)',
    submitTime: '2026-11-28T23:30:00.000Z',
    callTime: '2026-11-28T23:30:01.000Z',
    ringingTime: '2026-11-28T23:30:04.000Z',
    answerTime: '2026-11-28T23:30:10.000Z',
    hangupTime: '2026-11-28T23:31:25.000Z',
    callDuration: 75,
    chargedDuration: 120,
    terminationCode: '200',
    terminationReason: 'OK',
    billPeriod: '60+60',
    voiceFileId: 'f.mp3',
    feedbackValue: '3',
    calledInfo: '',
    currency: 'EUR',
    cost: '0.03750000',
    rate: '0.0375',
    baseCost: '0.02',
    settleRate: null,
    quoteExchange: null,
    settlePay: null,
    answered: true,
    inProgress: false,
    ringSeconds: 6,
    answerDelaySeconds: 10,
    overheadSeconds: 45,
    ...overrides,
  };
}

export const completeCoverage = {
  complete: true,
  missing: [],
  lastSyncedAt: '2026-11-28T23:00:00.000Z',
  syncing: false,
  beforeRetention: false,
  horizon: '2026-09-28T23:30:00.000Z',
};

export const demoAccounts = [
  { username: 'admin', password: 'demo-admin-pass', role: 'admin' as const },
  { username: 'finance', password: 'demo-finance-pass', role: 'finance' as const },
  { username: 'support', password: 'demo-support-pass', role: 'support' as const },
];

export function signedIn(role: 'admin' | 'finance' | 'support', username: string = role) {
  return {
    user: { username, role },
    csrfToken: `csrf-${role}`,
    permissions: [...ROLE_PERMISSIONS[role]],
    demoAccounts: null,
  };
}

export function signedOut(withDemoAccounts = true) {
  return {
    user: null,
    csrfToken: null,
    permissions: [],
    demoAccounts: withDemoAccounts ? demoAccounts : null,
  };
}

export const healthBody = {
  status: 'ok',
  mode: 'demo',
  version: '0.1.0',
  defaultTimeZone: 'UTC',
  store: { engine: 'duckdb', records: 2, oldest: null, newest: null },
  lastSyncAt: '2026-11-28T23:00:00.000Z',
  syncing: false,
  upstreamError: null,
  backup: null,
};

export const syncStatusBody = {
  running: [],
  recent: [],
  lastSuccessAt: '2026-11-28T23:00:00.000Z',
  upstreamError: null,
};

export const facetsBody = { codes: [], terminationCodes: [], currencies: [], coverage: completeCoverage };

/** The records page the BFF sends a role: money fields left out for roles without money. */
export function recordsBody(rows: RecordRow[], { money = true } = {}) {
  const strip = (row: RecordRow): RecordRow => {
    if (money) return row;
    const { cost, rate, baseCost, settleRate, settlePay, quoteExchange, ...rest } = row;
    return rest as RecordRow;
  };
  return { rows: rows.map(strip), total: rows.length, page: 1, pageSize: 50, coverage: completeCoverage };
}

/** The record from the vendor's own response example (seed document). */
export const seedRecord = {
  voiceId: '2203031113381000002',
  callee: '91856321412',
  displayNum: '1008122211',
  code: 'Afghanistan(Kandahar)',
  submitTime: '2022-02-18T14:42:40+08:00',
  callTime: '2022-02-18T14:45:42+08:00',
  ringingTime: '2022-02-18T14:42:47+08:00',
  answerTime: '2022-02-18T14:42:50+08:00',
  hangupTime: '2022-02-18T14:42:55+08:00',
  callDuration: 5,
  chargedDuration: 5,
  terminationCode: '1000',
  terminationReason: 'success',
  cost: '2',
  billPeriod: '20+20',
  rate: '1.2',
  baseCost: '1',
  voiceFileId: '12022022570cc2484c59d4f8b9745d34226285b1e.mp3',
  feedbackValue: '1',
  calledInfo: 'calledInfo',
  settleRate: '1.2793',
  quoteExchange: '0.938',
  currency: 'EUR',
  settlePay: '1.2793',
};

export function usdRecord(voiceId: string): Record<string, unknown> {
  const { settleRate: _r, quoteExchange: _q, currency: _c, settlePay: _p, ...rest } = seedRecord;
  return { ...rest, voiceId };
}

export function successBody(
  records: unknown[],
  page: { total?: number; current?: number; size?: number } = {},
) {
  const size = page.size ?? 100;
  const total = page.total ?? records.length;
  return {
    status: '0',
    reason: 'success',
    data: {
      total,
      size,
      current: page.current ?? 1,
      pages: Math.ceil(total / size),
      searchCount: true,
      records,
    },
  };
}

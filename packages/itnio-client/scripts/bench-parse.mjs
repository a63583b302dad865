// Measures what the sync pays per record: JSON.parse of a 100-record page plus the client's validation
// (envelope, then page). Prints records/s; asserts nothing. Run after `pnpm run build`:
//   node scripts/bench-parse.mjs
import { envelopeSchema, recordPageSchema } from '../dist/index.js';

const record = (i) => ({
  voiceId: String(2203031113381000000n + BigInt(i)),
  callee: `9185632${String(i).padStart(4, '0')}`,
  displayNum: '1008122211',
  code: 'Afghanistan(Kandahar)',
  submitTime: '2022-02-18T14:42:40+08:00',
  callTime: '2022-02-18T14:42:42+08:00',
  ringingTime: i % 4 ? '2022-02-18T14:42:47+08:00' : '',
  answerTime: i % 3 ? '2022-02-18T14:42:50+08:00' : '',
  hangupTime: '2022-02-18T14:42:55+08:00',
  callDuration: i % 3 ? 5 : 0,
  chargedDuration: i % 3 ? 20 : 0,
  terminationCode: i % 3 ? '200' : '486',
  terminationReason: i % 3 ? 'success' : 'busy',
  cost: '0.01234567',
  billPeriod: '20+20',
  rate: '1.2',
  baseCost: '0.0105',
  voiceFileId: '12022022570cc2484c59d4f8b9745d34226285b1e.mp3',
  feedbackValue: '-1',
  calledInfo: 'calledInfo',
  ...(i % 2 ? { settleRate: '1.2793', quoteExchange: '0.938', currency: 'EUR', settlePay: '0.0116' } : {}),
});

const body = JSON.stringify({
  status: '0',
  reason: 'success',
  data: {
    total: 100,
    size: 100,
    current: 1,
    pages: 1,
    searchCount: true,
    records: Array.from({ length: 100 }, (_, i) => record(i)),
  },
});

const PAGES = 2000;
const run = (label, fn) => {
  fn(); // warm up
  let best = 0;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let i = 0; i < PAGES; i++) fn();
    best = Math.max(best, (PAGES * 100) / ((performance.now() - started) / 1000));
  }
  console.log(
    `${label}: ${Math.round(best).toLocaleString('en')} records/s (best of 5 x ${PAGES * 100} records)`,
  );
};

run('JSON.parse only', () => JSON.parse(body));
run('JSON.parse + validation', () => {
  const envelope = envelopeSchema.parse(JSON.parse(body));
  recordPageSchema.parse(envelope.data);
});

import { fromTenThousandths } from './money.js';
import { hashString } from './random.js';

/** A UK test-range number called several times a day in every dataset, so demos and tests can look it up. */
export const DEMO_CALLEE = '447700900123';
export const DEMO_CODE = 'United Kingdom(Vodafone)';

export type BillPeriod = '20+20' | '60+60';

export interface Destination {
  code: string;
  callingCode: string;
  /** National significant number length (digits after the calling code). */
  nationalLength: number;
  /** First national digit, where mobiles share one (UK 7...). */
  lead: string;
  billPeriod: BillPeriod;
  firstSeconds: number;
  blockSeconds: number;
  rate: string;
  rateScaled: bigint;
  eurRate: string;
  eurRateScaled: bigint;
  baseRate: string;
  baseRateScaled: bigint;
  /** Routes report outcomes in SIP style (200/OK) or the vendor's own (1000/success). */
  sipStyle: boolean;
}

// Ordered by popularity: rank drives the Zipf-like weight.
const DESTINATIONS: ReadonlyArray<
  readonly [code: string, callingCode: string, nationalLength: number, lead?: string]
> = [
  ['Philippines(Globe)', '63', 10, '9'],
  ['Philippines(Smart)', '63', 10, '9'],
  ['Indonesia(Telkomsel)', '62', 10, '8'],
  ['India(Jio)', '91', 10, '7'],
  ['India(Airtel)', '91', 10, '9'],
  ['Mexico(Telcel)', '52', 10],
  ['Brazil(Vivo)', '55', 11],
  ['Nigeria(MTN)', '234', 10, '8'],
  ['United Kingdom(Vodafone)', '44', 10, '7'],
  ['Vietnam(Viettel)', '84', 9, '9'],
  ['Thailand(AIS)', '66', 9, '8'],
  ['Pakistan(Jazz)', '92', 10, '3'],
  ['Bangladesh(Grameenphone)', '880', 10, '1'],
  ['Malaysia(Maxis)', '60', 9, '1'],
  ['Colombia(Claro)', '57', 10, '3'],
  ['United States(AT&T)', '1', 10],
  ['United States(Verizon)', '1', 10],
  ['Germany(Telekom)', '49', 11, '1'],
  ['France(Orange)', '33', 9, '6'],
  ['Spain(Movistar)', '34', 9, '6'],
  ['Italy(TIM)', '39', 10, '3'],
  ['Turkey(Turkcell)', '90', 10, '5'],
  ['Egypt(Vodafone)', '20', 10, '1'],
  ['Saudi Arabia(STC)', '966', 9, '5'],
  ['United Arab Emirates(Etisalat)', '971', 9, '5'],
  ['Kenya(Safaricom)', '254', 9, '7'],
  ['South Africa(Vodacom)', '27', 9, '8'],
  ['Peru(Claro)', '51', 9, '9'],
  ['Argentina(Personal)', '54', 10, '9'],
  ['Chile(Entel)', '56', 9, '9'],
  ['Indonesia(Indosat)', '62', 10, '8'],
  ['India(Vi)', '91', 10, '8'],
  ['Philippines(DITO)', '63', 10, '9'],
  ['Vietnam(Mobifone)', '84', 9, '9'],
  ['Thailand(TrueMove)', '66', 9, '9'],
  ['Malaysia(Celcom)', '60', 9, '1'],
  ['Brazil(Claro)', '55', 11],
  ['Mexico(AT&T)', '52', 10],
  ['United Kingdom(EE)', '44', 10, '7'],
  ['United Kingdom(O2)', '44', 10, '7'],
  ['United Kingdom(Three)', '44', 10, '7'],
  ['Germany(Vodafone)', '49', 11, '1'],
  ['France(SFR)', '33', 9, '6'],
  ['Spain(Vodafone)', '34', 9, '6'],
  ['Italy(Vodafone)', '39', 10, '3'],
  ['Nigeria(Airtel)', '234', 10, '8'],
  ['Ghana(MTN)', '233', 9, '2'],
  ['Kenya(Airtel)', '254', 9, '7'],
  ['Egypt(Orange)', '20', 10, '1'],
  ['Morocco(Maroc Telecom)', '212', 9, '6'],
  ['Algeria(Mobilis)', '213', 9, '6'],
  ['Tunisia(Ooredoo)', '216', 8, '2'],
  ['Pakistan(Zong)', '92', 10, '3'],
  ['Bangladesh(Robi)', '880', 10, '1'],
  ['Sri Lanka(Dialog)', '94', 9, '7'],
  ['Nepal(Ncell)', '977', 10, '9'],
  ['Afghanistan(Kandahar)', '93', 9, '7'],
  ['Afghanistan(Roshan)', '93', 9, '7'],
  ['Myanmar(MPT)', '95', 9, '9'],
  ['Cambodia(Smart)', '855', 9],
  ['Laos(Unitel)', '856', 10, '2'],
  ['Hong Kong(CSL)', '852', 8, '9'],
  ['Taiwan(Chunghwa)', '886', 9, '9'],
  ['Japan(NTT Docomo)', '81', 10, '9'],
  ['South Korea(SK Telecom)', '82', 10, '1'],
  ['Singapore(Singtel)', '65', 8, '9'],
  ['Australia(Telstra)', '61', 9, '4'],
  ['New Zealand(Spark)', '64', 9, '2'],
  ['Canada(Rogers)', '1', 10],
  ['Canada(Bell)', '1', 10],
  ['Poland(Play)', '48', 9],
  ['Netherlands(KPN)', '31', 9, '6'],
  ['Belgium(Proximus)', '32', 9, '4'],
  ['Portugal(MEO)', '351', 9, '9'],
  ['Greece(Cosmote)', '30', 10, '6'],
  ['Romania(Orange)', '40', 9, '7'],
  ['Czech Republic(O2)', '420', 9, '6'],
  ['Hungary(Telekom)', '36', 9, '3'],
  ['Sweden(Telia)', '46', 9, '7'],
  ['Norway(Telenor)', '47', 8, '9'],
  ['Denmark(TDC)', '45', 8],
  ['Finland(Elisa)', '358', 9, '4'],
  ['Ireland(Vodafone)', '353', 9, '8'],
  ['Switzerland(Swisscom)', '41', 9, '7'],
  ['Austria(A1)', '43', 10, '6'],
  ['Ukraine(Kyivstar)', '380', 9, '6'],
  ['Russia(MTS)', '7', 10, '9'],
  ['Kazakhstan(Beeline)', '7', 10, '7'],
  ['Uzbekistan(Ucell)', '998', 9, '9'],
  ['Israel(Cellcom)', '972', 9, '5'],
  ['Jordan(Zain)', '962', 9, '7'],
  ['Iraq(Zain)', '964', 10, '7'],
  ['Kuwait(Zain)', '965', 8, '9'],
  ['Qatar(Ooredoo)', '974', 8, '5'],
  ['Oman(Omantel)', '968', 8, '9'],
  ['Bahrain(Batelco)', '973', 8, '3'],
  ['Lebanon(Alfa)', '961', 8, '7'],
  ['Ethiopia(Ethio Telecom)', '251', 9, '9'],
  ['Tanzania(Vodacom)', '255', 9, '7'],
  ['Uganda(MTN)', '256', 9, '7'],
  ['Cameroon(MTN)', '237', 9, '6'],
  ["Cote d'Ivoire(Orange)", '225', 10, '0'],
  ['Senegal(Orange)', '221', 9, '7'],
  ['Zambia(Airtel)', '260', 9, '9'],
  ['Zimbabwe(Econet)', '263', 9, '7'],
  ['Angola(Unitel)', '244', 9, '9'],
  ['Mozambique(Vodacom)', '258', 9, '8'],
  ['Ecuador(Claro)', '593', 9, '9'],
  ['Venezuela(Movistar)', '58', 10, '4'],
  ['Bolivia(Tigo)', '591', 8, '7'],
  ['Paraguay(Tigo)', '595', 9, '9'],
  ['Uruguay(Antel)', '598', 8, '9'],
  ['Guatemala(Tigo)', '502', 8, '5'],
  ['Honduras(Tigo)', '504', 8, '9'],
  ['Dominican Republic(Claro)', '1', 10, '8'],
  ['Costa Rica(Kolbi)', '506', 8, '8'],
  ['Panama(Cable & Wireless)', '507', 8, '6'],
  ['Jamaica(Digicel)', '1', 10, '8'],
  ['Mongolia(Unitel)', '976', 8, '8'],
  ['Papua New Guinea(Digicel)', '675', 8, '7'],
  ['Fiji(Vodafone)', '679', 7, '9'],
  ['Maldives(Dhiraagu)', '960', 7, '7'],
];

function fourDecimals(units: number): string {
  const whole = Math.floor(units / 10_000);
  const fraction = String(units % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

function buildDestination([
  code,
  callingCode,
  nationalLength,
  lead,
]: (typeof DESTINATIONS)[number]): Destination {
  // Prices depend on the code name only, so they are stable across seeds like a real price list.
  const h = hashString(code);
  const billPeriod: BillPeriod = h % 10 < 3 ? '20+20' : '60+60';
  const blockSeconds = billPeriod === '20+20' ? 20 : 60;
  const rateUnits = billPeriod === '20+20' ? 30 + ((h >>> 4) % 1500) : 100 + ((h >>> 4) % 4400);
  const baseUnits = Math.max(1, Math.floor((rateUnits * (55 + ((h >>> 16) % 30))) / 100));
  const eurUnits = Math.max(1, Math.round(rateUnits * 0.92));
  return {
    code,
    callingCode,
    nationalLength,
    lead: lead ?? '',
    billPeriod,
    firstSeconds: blockSeconds,
    blockSeconds,
    rate: fourDecimals(rateUnits),
    rateScaled: fromTenThousandths(rateUnits),
    eurRate: fourDecimals(eurUnits),
    eurRateScaled: fromTenThousandths(eurUnits),
    baseRate: fourDecimals(baseUnits),
    baseRateScaled: fromTenThousandths(baseUnits),
    sipStyle: ((h >>> 24) & 1) === 1,
  };
}

export const destinations: readonly Destination[] = DESTINATIONS.map(buildDestination);
export const demoDestination: Destination = destinations.find((d) => d.code === DEMO_CODE)!;
/** Every destination's country/operator, busiest first (demo controls offer them in this order). */
export const destinationCodes: readonly string[] = destinations.map((d) => d.code);

const ZIPF_TABLE_BITS = 14;
// A lookup table turns one uniform draw into a Zipf-weighted destination index without a search.
const zipfTable: Uint8Array = (() => {
  const weights = destinations.map((_, rank) => 1 / (rank + 1) ** 1.05);
  const total = weights.reduce((a, b) => a + b, 0);
  const size = 1 << ZIPF_TABLE_BITS;
  const table = new Uint8Array(size);
  let cumulative = 0;
  let index = 0;
  for (let slot = 0; slot < size; slot++) {
    while (index < weights.length - 1 && (slot + 0.5) / size > (cumulative + weights[index]!) / total) {
      cumulative += weights[index]!;
      index++;
    }
    table[slot] = index;
  }
  return table;
})();

/** Zipf-weighted destination for a 32-bit hash. */
export function destinationForHash(h: number): Destination {
  return destinations[zipfTable[h >>> (32 - ZIPF_TABLE_BITS)]!]!;
}

export const displayNumbers: readonly string[] = [
  '1008122211',
  '1008122212',
  '6531582210',
  '442039960100',
  '85230018800',
  '12025550143',
  '6281122334455',
  '639171234567',
];

export interface Termination {
  code: string;
  reason: string;
  /** Whether a call ending this way had rung (ringingTime present). */
  rang: boolean;
}

export const ANSWERED_SIP: Termination = { code: '200', reason: 'OK', rang: true };
export const ANSWERED_VENDOR: Termination = { code: '1000', reason: 'success', rang: true };

export const NEVER_RANG: readonly Termination[] = [
  { code: '404', reason: 'Not Found', rang: false },
  { code: '503', reason: 'Service Unavailable', rang: false },
  { code: '480', reason: 'Temporarily Unavailable', rang: false },
  { code: '408', reason: 'Request Timeout', rang: false },
];

export const RANG_NOT_ANSWERED_SIP: readonly Termination[] = [
  { code: '480', reason: 'Temporarily Unavailable', rang: true },
  { code: '486', reason: 'Busy Here', rang: true },
  { code: '487', reason: 'Request Terminated', rang: true },
  { code: '603', reason: 'Decline', rang: true },
  { code: '408', reason: 'Request Timeout', rang: true },
];

export const RANG_NOT_ANSWERED_VENDOR: readonly Termination[] = [
  { code: '1001', reason: 'no answer', rang: true },
  { code: '1002', reason: 'busy', rang: true },
  { code: '487', reason: 'Request Terminated', rang: true },
  { code: '603', reason: 'Decline', rang: true },
];

export const DTMF_KEYS = '0123456789*#';

/** Short free texts, including CSV-hostile ones (commas, quotes, newlines, leading = + - @). */
export const shortCalledInfos: readonly string[] = [
  'calledInfo',
  'Order #48213 confirmation',
  'Kunde: Jürgen Müller',
  '张伟 - 订单确认',
  'Réservation confirmée, merci',
  'VIP; call back after 6pm',
  'Reminder "appointment" 10:30',
  'line one\nline two',
  '=HYPERLINK("http://example.invalid","click")',
  '+1 555 0100 callback',
  '-2+3',
  '@SUM(A1:A2)',
  '=1+1',
  '🚀 promo 2x, limited',
  'Ñandú, São Paulo, Zürich',
  'تأكيد الطلب',
  'Доставка завтра',
  'OTP 482913',
  'a,b,"c",d',
  'tab\tseparated',
];

function fillTo(length: number, pieces: readonly string[], measure: (s: string) => number): string {
  let out = '';
  let i = 0;
  while (true) {
    const piece = pieces[i % pieces.length]!;
    if (measure(out + piece) > length) break;
    out += piece;
    i++;
  }
  // Top up one ASCII character at a time to hit the limit exactly.
  while (measure(out) < length) out += 'x';
  return out;
}

const codePoints = (s: string): number => [...s].length;
const utf16 = (s: string): number => s.length;

/** Long texts at the vendor's 1000-character limit, counted both ways a client might count. */
export const longCalledInfos: readonly string[] = [
  // Exactly 1000 UTF-16 units with emoji (fewer code points).
  fillTo(
    1000,
    ['Customer said: "call later", ', '客户要求下午回电。', 'café, naïve, ', '😀🎉 ', '\n'],
    utf16,
  ),
  // Exactly 1000 code points and 1000 UTF-16 units: no astral characters.
  fillTo(1000, ['=CMD|" /C calc"!A0, ', '张三李四王五,', 'Größe "XL", ', '\r\n'], codePoints),
  // A formula-looking long value.
  fillTo(1000, ['+SUM(1,2) ', '@import "x"; ', '-- note, ', '备注：重要 '], utf16),
  fillTo(640, ['Lorem ipsum, dolor "sit" amet; ', 'ÆØÅ æøå ', '\n'], utf16),
];

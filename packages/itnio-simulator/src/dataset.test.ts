import { describe, expect, it } from 'vitest';
import { DEMO_CALLEE, destinations } from './catalog.js';
import { chargedSeconds, SimDataset } from './dataset.js';
import { DAY_MS, HOUR_MS, parseIsoInstant } from './iso-time.js';
import { formatMoney, multiplyMoney, parseMoney } from './money.js';
import { NOW } from './test-support/client.js';
import type { VendorRecord } from './types.js';

const make = (seed: number, callsPerDay = 2000) =>
  new SimDataset({ seed, days: 62, callsPerDay, now: () => NOW });
const from = NOW - 4 * DAY_MS;
// Ends two hours before now, so every call in it has finished (live calls are tested elsewhere).
const until = NOW - 2 * HOUR_MS;
const week = make(1).recordsBetween(from, until);
const answered = (r: VendorRecord) => r.answerTime !== '';
const ms = (iso: string) => parseIsoInstant(iso)!;

describe('determinism', () => {
  it('gives identical records for the same seed and different ones for another seed', () => {
    expect(make(1).recordsBetween(from, from + DAY_MS)).toEqual(
      week.filter((r) => ms(r.submitTime) < from + DAY_MS),
    );
    const other = make(2).recordsBetween(from, from + DAY_MS);
    expect(other.map((r) => r.voiceId)).not.toEqual(week.slice(-other.length).map((r) => r.voiceId));
    expect(other[0]).not.toEqual(make(1).recordsBetween(from, from + DAY_MS)[0]);
  });

  it('counts without building records and agrees with them', () => {
    const dataset = make(9, 33_000);
    const count = dataset.countBetween(NOW - 31 * DAY_MS, NOW);
    expect(count).toBeGreaterThan(31 * 33_000 * 0.9);
    expect(count).toBeLessThan(31 * 33_000 * 1.1);
  });
});

describe('rhythm', () => {
  it('averages callsPerDay with quiet nights and quieter weekends', () => {
    const perDay = make(1).countBetween(NOW - 28 * DAY_MS, NOW) / 28;
    expect(perDay).toBeGreaterThan(1800);
    expect(perDay).toBeLessThan(2200);
    const byHour = new Array(24).fill(0);
    for (const r of week) byHour[Number(r.submitTime.slice(11, 13))]++;
    expect(byHour[3]).toBeLessThan(byHour[15] / 4);
  });
});

describe('realism', () => {
  it('rounds charged duration by billPeriod', () => {
    expect(chargedSeconds(0, 20, 20)).toBe(0);
    expect(chargedSeconds(5, 20, 20)).toBe(20);
    expect(chargedSeconds(21, 20, 20)).toBe(40);
    expect(chargedSeconds(60, 60, 60)).toBe(60);
    expect(chargedSeconds(61, 60, 60)).toBe(120);
    for (const r of week) {
      const [first, block] = r.billPeriod.split('+').map(Number) as [number, number];
      expect(r.chargedDuration).toBe(chargedSeconds(r.callDuration, first, block));
    }
  });

  it('computes cost, baseCost and settlePay exactly', () => {
    const byCode = new Map(destinations.map((d) => [d.code, d]));
    for (const r of week) {
      const block = Number(r.billPeriod.split('+')[1]);
      const blocks = BigInt(r.chargedDuration / block);
      expect(r.cost).toBe(formatMoney(parseMoney(r.rate) * blocks));
      expect(r.baseCost).toBe(formatMoney(parseMoney(byCode.get(r.code)!.baseRate) * blocks));
      for (const money of [r.cost, r.rate, r.baseCost, r.settlePay, r.settleRate, r.quoteExchange]) {
        if (money) expect(money).toMatch(/^\d+(\.\d{0,7}[1-9])?$/);
      }
      if (r.currency === 'EUR') {
        expect(r.settlePay).toBe(
          formatMoney(multiplyMoney(parseMoney(r.cost), parseMoney(r.quoteExchange!))),
        );
      }
    }
  });

  it('has settle fields only for EUR, and USD three ways', () => {
    const eur = week.filter((r) => r.currency === 'EUR');
    expect(eur.length / week.length).toBeGreaterThan(0.15);
    expect(eur.length / week.length).toBeLessThan(0.25);
    for (const r of eur) expect(r.settleRate && r.quoteExchange && r.settlePay).toBeTruthy();
    for (const r of week.filter((r) => r.currency !== 'EUR')) {
      expect([r.settleRate, r.quoteExchange, r.settlePay].every((v) => v === undefined || v === '')).toBe(
        true,
      );
    }
    const usdForms = new Set(week.map((r) => (r.currency === undefined ? 'absent' : r.currency)));
    expect(usdForms).toEqual(new Set(['absent', '', 'USD', 'EUR']));
  });

  it('keeps unanswered calls consistent and answered ones in order', () => {
    const share = week.filter(answered).length / week.length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.6);
    for (const r of week) {
      expect(ms(r.hangupTime)).toBeGreaterThan(ms(r.submitTime));
      if (answered(r)) {
        expect(r.callDuration).toBeGreaterThan(0);
        expect(ms(r.answerTime)).toBeGreaterThan(ms(r.ringingTime));
        expect(ms(r.hangupTime) - ms(r.answerTime)).toBe(r.callDuration * 1000);
      } else {
        expect([r.callDuration, r.chargedDuration, r.cost, r.baseCost, r.feedbackValue]).toEqual([
          0,
          0,
          '0',
          '0',
          '-1',
        ]);
        if (r.ringingTime) expect(ms(r.hangupTime)).toBeGreaterThan(ms(r.ringingTime));
      }
    }
    expect(week.some((r) => !answered(r) && r.ringingTime === '')).toBe(true);
    const quirky = week.filter((r) => r.ringingTime && ms(r.callTime) > ms(r.ringingTime)).length;
    expect(quirky / week.length).toBeGreaterThan(0.002);
    expect(quirky / week.length).toBeLessThan(0.02);
  });

  it('uses both termination conventions and does not tie answered to one code', () => {
    const answeredCodes = new Set(
      week.filter(answered).map((r) => `${r.terminationCode}/${r.terminationReason}`),
    );
    expect(answeredCodes).toEqual(new Set(['1000/success', '200/OK']));
    const failed = new Set(week.filter((r) => !answered(r)).map((r) => r.terminationCode));
    for (const code of ['486', '480', '404', '487', '603', '503', '408', '1001', '1002'])
      expect(failed).toContain(code);
  });

  it('draws realistic numbers, codes and texts', () => {
    const codes = new Map<string, number>();
    for (const r of week) codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
    expect(codes.size).toBeGreaterThan(60);
    const ranked = [...codes.values()].sort((a, b) => b - a);
    expect(ranked[0]!).toBeGreaterThan(ranked[30]! * 5);
    const byCode = new Map(destinations.map((d) => [d.code, d]));
    for (const r of week) {
      expect(r.callee).toMatch(/^\d{8,14}$/);
      expect(r.callee.startsWith(byCode.get(r.code)!.callingCode)).toBe(true);
      expect(r.voiceId).toMatch(/^\d{19}$/);
      expect(r.voiceFileId).toMatch(/^1\d{8}[0-9a-f]{32}\.mp3$/);
      expect(r.submitTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(r.calledInfo.length).toBeLessThanOrEqual(1000);
      expect(r.feedbackValue).toMatch(/^(-1|[0-9*#])$/);
    }
    const infos = week.map((r) => r.calledInfo);
    expect(infos.some((t) => t.length === 1000)).toBe(true);
    expect(infos.some((t) => /[=+\-@]/.test(t[0] ?? ''))).toBe(true);
    expect(infos.some((t) => t.includes('\n') && t.includes('"') && t.includes(','))).toBe(true);
    expect(infos.filter((t) => t === '').length / infos.length).toBeGreaterThan(0.5);
    expect(destinations.length).toBeGreaterThanOrEqual(120);
  });

  it('makes callees recur, the demo number several times a day', () => {
    const calls = new Map<string, number>();
    for (const r of week) calls.set(r.callee, (calls.get(r.callee) ?? 0) + 1);
    expect(Math.max(...calls.values())).toBeGreaterThan(10);
    const demo = week.filter((r) => r.callee === DEMO_CALLEE);
    expect(demo.length).toBeGreaterThanOrEqual(4 * 3);
    expect(demo.every((r) => r.code === 'United Kingdom(Vodafone)')).toBe(true);
  });
});

import type { OperatorRow, SummaryResponse } from '@callboard/contracts';
import { describe, expect, it } from 'vitest';
import { billingTotal, costByCode, dailySpend, spendCurrencies } from './spend-data';

function operator(code: string, cost: OperatorRow['cost']): OperatorRow {
  return {
    code,
    calls: 10,
    answered: 5,
    asr: 0.5,
    acdSeconds: 30,
    talkSeconds: 150,
    shortCalls: 1,
    keyPresses: 1,
    cost,
    terminations: {},
  };
}

describe('costByCode', () => {
  const rows = [
    operator('Spain(Vodafone)', [
      { currency: 'EUR', amount: '5.5' },
      { currency: 'USD', amount: '1' },
    ]),
    operator('Nepal(Ncell)', [{ currency: 'USD', amount: '9.12345678' }]),
    operator('Italy(TIM)', [{ currency: 'USD', amount: '177.3' }]),
  ];

  it('charts one currency only, never a sum across currencies', () => {
    expect(costByCode(rows, 'EUR').map((b) => [b.label, b.amount])).toEqual([['Spain(Vodafone)', '5.5']]);
  });

  it('ranks by cost in that currency, not by calls, and folds the rest into "Other" summed exactly', () => {
    const many = [
      ...rows,
      { ...operator('Busy(Cheap)', [{ currency: 'USD', amount: '0.10000001' }]), calls: 5000 },
      operator('Quiet(Cheap)', [{ currency: 'USD', amount: '0.20000002' }]),
    ];
    const bars = costByCode(many, 'USD', 2);
    expect(bars.map((b) => [b.label, b.amount])).toEqual([
      ['Italy(TIM)', '177.3'],
      ['Nepal(Ncell)', '9.12345678'],
      ['Other (3)', '1.30000003'],
    ]);
    expect(bars.at(-1)).toMatchObject({ isOther: true, calls: 5020 });
  });

  it('treats the upstream empty currency as USD', () => {
    expect(costByCode([operator('X', [{ currency: '', amount: '2' }])], 'USD')).toHaveLength(1);
  });
});

describe('dailySpend', () => {
  it('gives days without that currency zero cost and keeps the calls', () => {
    const points = dailySpend(
      [
        { day: '2026-11-27', start: '', calls: 4, answered: 2, cost: [{ currency: 'EUR', amount: '1.25' }] },
        { day: '2026-11-28', start: '', calls: 3, answered: 1, cost: [{ currency: 'USD', amount: '7' }] },
      ],
      'EUR',
    );
    expect(points).toEqual([
      { day: '2026-11-27', calls: 4, answered: 2, value: 1.25, amount: '1.25' },
      { day: '2026-11-28', calls: 3, answered: 1, value: 0, amount: '0' },
    ]);
  });
});

describe('spendCurrencies', () => {
  it('is empty when money is withheld from the role', () => {
    const summary = {
      currencies: [
        {
          currency: 'USD',
          calls: 1,
          answered: 1,
          asr: 1,
          talkSeconds: 1,
          chargedSeconds: 1,
          overheadSeconds: 0,
          acdSeconds: 1,
        },
      ],
    } as SummaryResponse;
    expect(spendCurrencies(summary)).toEqual([]);
  });
});

describe('billingTotal', () => {
  it('adds the increments, money as exact decimals per currency', () => {
    const rows = [
      {
        billPeriod: '60+60',
        calls: 3,
        talkSeconds: 100,
        chargedSeconds: 180,
        overheadSeconds: 80,
        overheadCost: [{ currency: 'USD', amount: '0.10000001' }],
      },
      {
        billPeriod: '20+20',
        calls: 2,
        talkSeconds: 30,
        chargedSeconds: 40,
        overheadSeconds: 10,
        overheadCost: [
          { currency: '', amount: '0.20000002' },
          { currency: 'EUR', amount: '1.5' },
        ],
      },
    ];
    const total = billingTotal(rows, ['USD', 'EUR']);
    expect(total).toMatchObject({ calls: 5, talkSeconds: 130, chargedSeconds: 220, overheadSeconds: 90 });
    expect(total.overheadCost).toEqual([
      { currency: 'USD', amount: '0.30000003' },
      { currency: 'EUR', amount: '1.5' },
    ]);
  });
});

import { formatMoney, formatMoneyTotal, isRoundedTotal } from '@/lib/format';

/**
 * A total in the currency's usual decimals. When rounding hides digits the exact figure stays at hand
 * (a line under it, or the tooltip in dense tables), so finance can match a spreadsheet to the last decimal.
 */
export function MoneyTotal({
  amount,
  currency,
  exact = 'line',
}: {
  amount: string;
  currency: string;
  exact?: 'line' | 'title';
}) {
  const rounded = formatMoneyTotal(amount, currency);
  if (!isRoundedTotal(amount, currency)) return <>{rounded}</>;
  const exactText = `exactly ${formatMoney(amount, currency)}`;
  if (exact === 'title') return <span title={exactText}>{rounded}</span>;
  return (
    <>
      {rounded}
      <span className="money-exact">{exactText}</span>
    </>
  );
}

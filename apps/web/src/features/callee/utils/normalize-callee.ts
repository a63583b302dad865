/**
 * Digits of a pasted phone number: `+44 7700 900123`, `(0044) 7700-900123` and `447700900123` all become
 * `447700900123`. Returns null when too few digits remain to be a useful search.
 */
export function normalizeCallee(input: string): string | null {
  let digits = input.replace(/\D/g, '');
  // 00 is the international prefix written out; stored callees carry the country code without it.
  if (digits.startsWith('00') && digits.length > 4) digits = digits.slice(2);
  return digits.length >= 3 ? digits : null;
}

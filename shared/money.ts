/**
 * Exact decimal money arithmetic for VAT: amounts become integer hundredths via their decimal text,
 * so 0.1 + 0.2 style float errors never reach a tax figure.
 */

/** The exact decimal value of `n` as a scaled integer: `n = units / 10^scale`. */
function toScaled(n: number): { units: bigint; scale: number } {
  const text = n.toFixed(Math.min(20, Math.max(0, decimals(n))));
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const units = BigInt(whole + fraction) * (negative ? -1n : 1n);
  return { units, scale: fraction.length };
}

function decimals(n: number): number {
  const s = String(n);
  const [mantissa = '', exponent] = s.split('e-');
  if (exponent !== undefined) return Number(exponent) + (mantissa.split('.')[1]?.length ?? 0);
  return s.split('.')[1]?.length ?? 0;
}

/** Rounds numerator/denominator half away from zero to an integer. */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

const centsToNumber = (cents: bigint): number => Number(cents) / 100;

/** `amount` rounded half-up to 2 decimals. */
export function roundMoney(amount: number): number {
  const { units, scale } = toScaled(amount);
  return centsToNumber(roundHalfUp(units * 100n, 10n ** BigInt(scale)));
}

/**
 * VAT on a net amount at a percentage rate: vat = round_half_up(net × rate / 100, 2), gross = net + vat.
 * `net` is first rounded to 2 decimals as money is.
 */
export function vatAmounts(net: number, ratePercent: number): { net: number; vat: number; gross: number } {
  const netCents = roundHalfUp(toScaled(net).units * 100n, 10n ** BigInt(toScaled(net).scale));
  const rate = toScaled(ratePercent);
  const vatCents = roundHalfUp(netCents * rate.units, 100n * 10n ** BigInt(rate.scale));
  return { net: centsToNumber(netCents), vat: centsToNumber(vatCents), gross: centsToNumber(netCents + vatCents) };
}

/**
 * An integer with commas between thousands, as `toLocaleString('en-US')` writes it, without the ~25 ms the first
 * call spends loading ICU's number formats: texts built when a module loads (rule texts, route summaries) use this.
 */
export function groupThousands(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

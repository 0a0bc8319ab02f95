// Internal numeric helpers shared by the parsers, formatters and engine. Everything here is
// locale-independent on purpose: output must be byte-identical on every machine and in CI.

/**
 * Drops binary floating-point noise (1.1 * 1e6 = 1100000.0000000002) by keeping 12 significant
 * digits: far more precision than any estimate has, far less than a double carries. Integers pass
 * through, so exact values such as 1 TiB = 1,099,511,627,776 B keep all 13 digits.
 */
export function clean(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  return Number(value.toPrecision(12));
}

/**
 * A value as reported to the outside (JSON): 10 significant digits, integers included. Inside the
 * engine values keep 12 (clean()), and results derived from results can carry an error near the
 * 12th digit (365 GB computed as 365,000,000,001 B); an estimate has nowhere near 10 digits of
 * meaning, so settling there removes the noise without changing any figure a person reads.
 */
export function settle(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(10));
}

export function roundSignificant(value: number, digits: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/** "1234567" -> "1,234,567"; expects an optional minus sign and digits only. */
function groupDigits(digits: string): string {
  const negative = digits.startsWith('-');
  const body = negative ? digits.slice(1) : digits;
  const grouped = body.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}

/**
 * Plain decimal text with thousands separators and at most `maxDecimals` decimals, trailing zeros
 * trimmed. BigInt renders the integer part so that 1e21 prints as digits, not in exponent form.
 */
export function decimalText(value: number, maxDecimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  const scale = 10 ** maxDecimals;
  const scaled = Math.round(Math.abs(value) * scale);
  const negative = value < 0 && scaled !== 0;
  const integerPart = BigInt(Math.floor(scaled / scale)).toString();
  const fraction = (scaled % scale).toString().padStart(maxDecimals, '0').replace(/0+$/, '');
  const text = fraction === '' ? groupDigits(integerPart) : `${groupDigits(integerPart)}.${fraction}`;
  return negative ? `-${text}` : text;
}

/** Decimals needed to show `digits` significant digits of `value` (never negative). */
export function decimalsFor(value: number, digits: number): number {
  if (value === 0 || !Number.isFinite(value)) return 0;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  return Math.max(0, digits - 1 - magnitude);
}

/** `digits` significant digits, thousands separators, trailing zeros trimmed: 115.74 -> "115.7". */
export function significantText(value: number, digits: number): string {
  const rounded = roundSignificant(value, digits);
  return decimalText(rounded, decimalsFor(rounded, digits));
}

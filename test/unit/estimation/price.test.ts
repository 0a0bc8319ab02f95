import { describe, expect, it } from 'vitest';
import { parsePrice } from '../../../src/estimation/index.js';

describe('parsePrice', () => {
  it.each([
    ['$0.02/GB', 0.02, 'GB'],
    ['$0.01/GB-month', 0.01, 'GB-month'],
    ['$0.023 per GB-month', 0.023, 'GB-month'],
    ['$0.023/gb-mo', 0.023, 'GB-month'],
    ['$2/hour', 2, 'hour'],
    ['$2/hr', 2, 'hour'],
    ['$2.5/GPU-hour', 2.5, 'hour'],
    ['$0.2016 per server-hour', 0.2016, 'hour'],
    ['0.09/GB', 0.09, 'GB'],
    [' $ 1,200 / hour ', 1_200, 'hour'],
    ['$0/GB', 0, 'GB'],
  ])('%s -> %d per %s', (text, usd, per) => {
    expect(parsePrice(text)).toEqual({ ok: true, value: { usd, per } });
  });

  const expected = (text: string): string =>
    `expected a price in US dollars with its unit like "$0.02/GB", "$0.023/GB-month", "$2/hour" or "$2.5/GPU-hour", got "${text}"`;

  it.each(['$0.02', '$0.02/TB', '$0.02/month', '-$1/hour', '$-1/hour', 'free', '', '$/GB', '€0.02/GB'])(
    'refuses %j and says what it expected',
    (text) => {
      expect(parsePrice(text)).toEqual({ ok: false, error: expected(text) });
    },
  );
});

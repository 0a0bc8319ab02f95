// One reader per kind of number people type into a design: counts, rates, sizes, durations,
// latencies, percentages and ratios. Each returns the value in base units and how it was read.
import { fail, ok, type Result } from '../../lib/result.js';
import {
  formatBytes,
  formatCompact,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
} from '../format.js';
import { clean, decimalText } from '../numbers.js';
import {
  SECONDS_PER_PERIOD,
  SECONDS_PER_YEAR,
  type Bytes,
  type Fraction,
  type Rate,
  type Seconds,
} from '../unit-base.js';
import { readAmount, NUMBER_SOURCE, toNumber } from './amount.js';
import { isVague, notesText } from './clauses.js';
import { readClauses, type Kind, type Reading } from './read.js';
import {
  DURATION_UNITS,
  LATENCY_UNITS,
  NOT_A_LABEL,
  PERIOD_ADVERBS,
  PERIOD_WORDS,
  SIZE_UNITS,
  spokenDuration,
} from './words.js';

const decimal = (value: number): string => decimalText(value, 6);

// ---------------------------------------------------------------------------------------------
// Counts: "10M", "500M DAU", "around 2M", "half a million users"

const COUNT: Kind = {
  noun: 'a count',
  example: '"300" or "2M"',
  expected: 'expected a count like "10M", "1.5K" or "1,000" (K, M, B or G, T)',
};
const LABEL = /^([a-z][a-z'.]+)(?:[\s-]+[a-z][a-z'.-]*)*$/i;

export function readCount(text: string): Result<Reading<number>> {
  return readClauses(text, COUNT, (clause) => {
    if (isVague(clause.text)) return undefined;
    const amount = readAmount(clause.text, { letters: true });
    if (!amount) return undefined;
    const label = amount.rest === '' ? undefined : LABEL.exec(amount.rest);
    if (amount.rest !== '' && (!label?.[1] || NOT_A_LABEL.has(label[1].toLowerCase()))) return undefined;
    const value = clean(amount.value);
    return { value, read: `${formatCount(value)}${amount.rest === '' ? '' : ` ${amount.rest}`}` };
  });
}

/** A plain factor: "3", "3x", "~2.5" (peak factor, replication). */
export function readFactor(text: string): Result<Reading<number>> {
  return readClauses(
    text,
    { noun: 'a number', example: '"3"', expected: 'expected a number, e.g. "3"' },
    (clause) => {
      const amount = readAmount(clause.text);
      if (!amount || !/^(?:x|times)?$/i.test(amount.rest)) return undefined;
      return { value: clean(amount.value), read: decimal(clean(amount.value)) };
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Rates: "10M/month", "~5k rps at peak", "2/day per user", "20K/s at peak"

const RATE: Kind = {
  noun: 'a rate',
  example: '"500/s" or "10M/day"',
  expected:
    'expected a rate with its period like "10M/month", "1160/s" or "2/day per user" (s, min, hour, day, month, year)',
};
// "/user", "per user", "per DAU" may sit anywhere in the text, so they are cut out before the rest
// is matched. Replacing with a global pattern resets its lastIndex, so it is safe to share.
const PER_USER = /(?:\/|\bper\b|\beach\b)\s*(?:users?|dau|active user)\b/gi;
const PEAK =
  /\s*(?:\b(?:at|during|in) (?:the )?(?:peak|busiest (?:hour|moment|time))(?: hours?| times?)?\b|\bpeak(?:s| load| traffic| rate)?(?: of| is| at)?\s*:?)\s*/gi;
const PER_SECOND =
  /^(?:qps|rps|tps|eps|(?:req|requests?|queries|events?|writes?|reads?|messages?|calls?|ops)\s*\/\s*s(?:ec)?)$/i;
const RATE_REST = /^(?:[a-z]+(?:\s+[a-z]+)?\s*)?(?:\/|\bper\b|\ba\b|\ban\b|\beach\b|\bevery\b)\s*([a-z]+)$/i;
const ADVERB_REST = /^(?:[a-z]+\s+)?([a-z]+)$/i;

export function readRate(text: string): Result<Reading<Rate>> {
  const withoutPeak = text.replace(PEAK, ' ');
  const peak = withoutPeak !== text;
  const withoutUser = withoutPeak.replace(PER_USER, ' ');
  const perUser = withoutUser !== withoutPeak;
  const rest = withoutUser.replace(/\s+/g, ' ').trim();
  const reading = readClauses(rest, RATE, (clause) => {
    if (isVague(clause.text)) return undefined;
    const amount = readAmount(clause.text, { letters: true });
    if (!amount) return undefined;
    const written = RATE_REST.exec(amount.rest)?.[1]?.toLowerCase();
    const period = PER_SECOND.test(amount.rest)
      ? 'second'
      : written === undefined
        ? PERIOD_ADVERBS[ADVERB_REST.exec(amount.rest)?.[1]?.toLowerCase() ?? '']
        : PERIOD_WORDS[written];
    if (period === undefined) return undefined;
    const rate: Rate = {
      perSecond: amount.value / SECONDS_PER_PERIOD[period],
      perUser,
      period,
      ...(peak ? { peak: true as const } : {}),
    };
    const each = perUser ? ' per user' : '';
    const shown =
      period === 'second'
        ? `${formatRate(rate.perSecond)}${each}`
        : `${formatCompact(amount.value)}/${period}${each} = ${formatRate(rate.perSecond)}${each}`;
    return { value: rate, read: `${shown}${peak ? ', a peak: the average is derived from it' : ''}` };
  });
  // The refusal quotes the answer as written, not as the per-user and peak words left it.
  if (!reading.ok && reading.error.startsWith('expected'))
    return fail(`${RATE.expected}, got ${JSON.stringify(text)}`);
  return reading;
}

// ---------------------------------------------------------------------------------------------
// Sizes: "1.2KB", "~500 bytes", "few hundred bytes, say 300B", "2 KB per event"

const SIZE: Kind = {
  noun: 'a size',
  example: '300 B',
  expected: 'expected a size like "1.2KB" or "10MiB" (SI: KB = 1000 B; IEC: KiB = 1024 B)',
};
const UNIT_AND_NOTE = /^([a-z\u00b5\u03bc]*)\s*(.*)$/i;
// What may follow a unit as a note: "2 KB per event", "2 years of score history", "300 MB
// gradient-boosted trees". A second figure ("6 months or 1 year") or a rate ("5 KB/s") is no note.
const TRAILING_NOTE = /^[a-z][^\d/]*$/i;

function unitAndNote(rest: string): { unit: string; note: string } | undefined {
  const match = UNIT_AND_NOTE.exec(rest);
  if (!match) return undefined;
  const note = (match[2] ?? '').trim();
  if (note !== '' && !TRAILING_NOTE.test(note)) return undefined;
  return { unit: (match[1] ?? '').toLowerCase(), note };
}

const noteOf = (note: string): string => (note === '' ? '' : `; the note '${note}' kept as context`);

export function readSize(text: string): Result<Reading<Bytes>> {
  return readClauses(text, SIZE, (clause) => {
    if (isVague(clause.text)) return undefined;
    const amount = readAmount(clause.text);
    const parts = amount && unitAndNote(amount.rest);
    const multiplier = parts && SIZE_UNITS[parts.unit];
    if (!amount || !parts || multiplier === undefined) return undefined;
    const value = clean(amount.value * multiplier);
    return { value, read: `${formatBytes(value)}${noteOf(parts.note)}` };
  });
}

// ---------------------------------------------------------------------------------------------
// Durations: "90d", "7 years (audit log)", "2 years of score history", "indefinitely"

const DURATION: Kind = {
  noun: 'a duration',
  example: '"90 days" or "5 years"',
  expected: 'expected a duration with its unit like "90d", "6 months", "1 year", "12h" or "200ms"',
};
/** Data kept for ever is sized over a stated horizon, and the reading says so. */
export const FOREVER_HORIZON: Seconds = 10 * SECONDS_PER_YEAR;
const FOREVER =
  /^(?:indefinitely|forever|for ever|permanently|infinite(?:ly)?|unlimited|always|keep (?:it |them |all |everything ?)?(?:forever|indefinitely)?|keep everything|never (?:deleted|delete|expires?|expired|purged)|no (?:expiry|expiration|retention limit|ttl|deletion))$/i;

export function readDuration(
  text: string,
  options: { readonly minutes?: boolean } = {},
): Result<Reading<Seconds>> {
  let ambiguous: string | undefined;
  const reading = readClauses(text, DURATION, (clause) => {
    if (FOREVER.test(clause.text)) {
      return {
        value: FOREVER_HORIZON,
        read: `10 years: '${clause.written}' is read as a 10-year horizon for sizing`,
      };
    }
    if (isVague(clause.text)) return undefined;
    const amount = readAmount(clause.text, { article: true });
    const parts = amount && unitAndNote(amount.rest);
    if (!amount || !parts) return undefined;
    const unit = options.minutes === true && (parts.unit === 'm' || parts.unit === '') ? 'min' : parts.unit;
    // "6m" could be six minutes or six months, and retention is often written in months: refuse to guess.
    if (unit === 'm') {
      ambiguous = clause.written;
      return undefined;
    }
    const seconds = DURATION_UNITS[unit];
    if (seconds === undefined) return undefined;
    const value = clean(amount.value * seconds);
    return { value, read: `${spokenDuration(value, decimal)}${noteOf(parts.note)}` };
  });
  if (!reading.ok && ambiguous !== undefined) {
    return fail(
      `"m" is ambiguous in ${JSON.stringify(ambiguous)}: write "min" for minutes or "month" for months`,
    );
  }
  return reading;
}

// ---------------------------------------------------------------------------------------------
// Latency, one figure: "200ms", "< 100ms", "under 200 ms", "at most 1s"

const LATENCY: Kind = {
  noun: 'a latency',
  example: '"200ms"',
  expected: 'expected a latency with its unit like "200ms" or "1.5s"',
};

export function readLatency(text: string): Result<Reading<Seconds>> {
  return readClauses(text, LATENCY, (clause) => {
    const amount = readAmount(clause.text, { article: true });
    const parts = amount && unitAndNote(amount.rest);
    const seconds = parts && LATENCY_UNITS[parts.unit];
    if (!amount || !parts || seconds === undefined) return undefined;
    const value = clean(amount.value * seconds);
    return { value, read: `${formatDuration(value)}${noteOf(parts.note)}` };
  });
}

// ---------------------------------------------------------------------------------------------
// Percentages: "99.9%", "99.99", "four nines", "99.9% (three nines)", "three and a half nines"

const PERCENT: Kind = {
  noun: 'a percentage',
  example: '"99.9%"',
  expected: 'expected a percentage between 0 and 100 like "99.9%" or "99.99"',
};
const PERCENT_PATTERN =
  /^(-?)(\d+(?:\.\d+)?|\.\d+)\s*(?:%|percent|pct)?(?:\s+(?:uptime|availability|available|sla|slo|of the time))?$/i;
const PERCENT_WITH_NOTE = /^(\d+(?:\.\d+)?)\s*%\s+([a-z][^\d%]*)$/i;
const NINES = /^\(?\s*(\d|[a-z]+)(\s+and\s+a\s+half)?\s+(?:nines|9s)\s*\)?$/i;
const NINE_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** "four nines" -> 0.9999; "three and a half nines" -> 0.9995. */
function nines(text: string): { fraction: Fraction; words: string } | undefined {
  const match = NINES.exec(text.trim());
  const written = match?.[1]?.toLowerCase() ?? '';
  const count = /^\d$/.test(written) ? Number(written) : NINE_WORDS.indexOf(written);
  if (!match || count < 1) return undefined;
  const missing = 10 ** -count * (match[2] ? 0.5 : 1);
  const words = `${NINE_WORDS[count] ?? written}${match[2] ? ' and a half' : ''} nines`;
  return { fraction: clean(1 - missing), words };
}

export function readPercent(text: string): Result<Reading<Fraction>> {
  const result = readClauses(text, PERCENT, (clause) => {
    const spoken = nines(clause.text);
    if (spoken)
      return { value: spoken.fraction, read: `${formatPercent(spoken.fraction)} (${spoken.words})` };
    const match = PERCENT_PATTERN.exec(clause.text);
    // "99.5% during office hours": with the % written, words after it are a note, kept as context.
    const noted = match ? undefined : PERCENT_WITH_NOTE.exec(clause.text);
    const digits = match?.[2] ?? noted?.[1];
    const percent = digits === undefined ? Number.NaN : Number(`${match?.[1] ?? ''}${digits}`);
    if (!(percent >= 0 && percent <= 100)) return undefined;
    const value = clean(percent / 100);
    const note = noted?.[2] === undefined ? '' : notesText([noted[2].trim()]);
    return { value, read: `${formatPercent(value)}${note}` };
  });
  if (!result.ok) return result;
  // "99.9% (three nines)": a note that says the same in nines is the reading, not context; one that
  // disagrees is a question to ask.
  const said = /; the note '(\([^']*\))' kept as context$/.exec(result.value.read);
  const spoken = said?.[1] === undefined ? undefined : nines(said[1]);
  if (!said || !spoken) return result;
  if (spoken.fraction !== result.value.value) {
    return fail(
      `${formatPercent(result.value.value)} and '${spoken.words}' (${formatPercent(spoken.fraction)}) disagree: give one target`,
    );
  }
  return ok({ value: result.value.value, read: `${formatPercent(result.value.value)} (${spoken.words})` });
}

// ---------------------------------------------------------------------------------------------
// Ratios: "10:1", "3:1 i guess", "10 to 1", "10x", "10 reads per write", "read:write 100:1"

const RATIO: Kind = {
  noun: 'a ratio',
  example: '"10:1"',
  expected: 'expected a read:write ratio like "10:1" or "1:1" (the second number above 0)',
};
const RATIO_LABEL =
  /^(?:(?:reads?\s*[:/]\s*writes?|r\s*:\s*w|read[- ]heavy|write[- ]heavy|read[- ]to[- ]write)\s*(?:ratio)?|ratio)\s*(?:of|is|=|:)?\s*/i;
const RATIO_PATTERN = new RegExp(
  String.raw`^${NUMBER_SOURCE}\s*(?:x|times)?\s*(?:(?::|\bto\b)\s*${NUMBER_SOURCE}|(?:reads?\s*)?(?:\/|per|for (?:each|every|one))\s*(?:writes?))?$`,
  'i',
);

export function readRatio(text: string): Result<Reading<number>> {
  return readClauses(text, RATIO, (clause) => {
    const match = RATIO_PATTERN.exec(clause.text.replace(RATIO_LABEL, ''));
    const reads = match?.[1] === undefined ? Number.NaN : toNumber(match[1]);
    const writes = match?.[2] === undefined ? 1 : toNumber(match[2]);
    if (!Number.isFinite(reads) || !(writes > 0)) return undefined;
    const value = clean(reads / writes);
    return { value, read: `${decimal(value)} read${value === 1 ? '' : 's'} per write` };
  });
}

/**
 * Facts stated once, in the person's own words: "500M DAU", "1M new pastes a day", "10x as many
 * reads", "10KB each", "kept 5 years", "~5k rps at peak", "four nines", "p99 200ms". They are found
 * as fragments of the free-text answers (scale, use cases, the problem) and read with the engine's
 * own parsers, so a later question can offer them as its default instead of asking again. Pure: text
 * in, facts out. A fragment that the parser does not read is not a fact: nothing is invented.
 */
import {
  parseCount,
  parseDuration,
  parsePercent,
  parseRate,
  parseRatio,
  parseSize,
} from '../../estimation/index.js';
import type { Seconds } from '../../estimation/units.js';

/** The questions a stated fact can answer. */
export const FACT_SLOTS = [
  'estimation.users',
  'estimation.writes',
  'estimation.reads',
  'estimation.write-size',
  'estimation.read-size',
  'estimation.retention',
  'estimation.peak-factor',
  'requirements.latency',
  'requirements.availability',
] as const;
export type FactSlot = (typeof FACT_SLOTS)[number];

/** A piece of free text and the answer it came from. */
export interface Statement {
  /** The answer's id ("requirements.scale"). */
  readonly source: string;
  readonly text: string;
}

export interface StatedFact {
  readonly slot: FactSlot;
  /** As it would be typed at the slot's prompt ("500M", "1M/day", "10:1"). */
  readonly text: string;
  /** The words that state it, as written ("500M DAU"). */
  readonly quote: string;
  readonly source: string;
}

/** A peak rate stated in words ("~5k rps at peak"): requests per second at the busiest time. */
export interface StatedPeak {
  readonly perSecond: number;
  /** What peaks: every request, or the writes or reads it names ("5k writes/s at peak"). */
  readonly of: 'requests' | 'writes' | 'reads';
  readonly quote: string;
  readonly source: string;
}

export interface StatedFacts {
  /** The first fact stated for each slot (statements are read in the order given). */
  readonly facts: ReadonlyMap<FactSlot, StatedFact>;
  readonly peak?: StatedPeak;
}

// A number as people write it: "~5k", "about 2.5 million", "1,000", "500M".
const APPROX = String.raw`(?:~|≈|\babout\s+|\baround\s+|\broughly\s+|\bapprox(?:imately|\.)?\s+|\bnearly\s+|\balmost\s+|\bsome\s+|\bover\s+|\bup to\s+)?`;
const AMOUNT = String.raw`\d+(?:[,_]\d{3})*(?:\.\d+)?(?:\s*(?:[kmbt]\b|thousand\b|million\b|billion\b|trillion\b)|(?<=\d)[kmbt](?![a-z]))?`;
const NUM = `${APPROX}(${AMOUNT})`;
const WORD_MULTIPLIERS: Readonly<Record<string, string>> = {
  thousand: 'K',
  million: 'M',
  billion: 'B',
  trillion: 'T',
};

/** "2.5 million" -> "2.5M", "5 k" -> "5K", "1,000" -> "1,000": a count as the parsers read it. */
export function amountText(written: string): string {
  return written
    .trim()
    .replace(
      /\s*(thousand|million|billion|trillion)$/i,
      (_, word: string) => WORD_MULTIPLIERS[word.toLowerCase()] ?? '',
    )
    .replace(/\s*([kmbt])$/i, (_, letter: string) => letter.toUpperCase());
}

const PERIOD = String.raw`(second|sec|s|minute|min|hour|hr|h|day|d|week|month|mo|year|yr|y)\b`;
const PERIOD_WORDS: Readonly<Record<string, string>> = {
  daily: 'day',
  hourly: 'hour',
  monthly: 'month',
  weekly: 'week',
  yearly: 'year',
  annually: 'year',
};
/** A week is no rate period of the engine: 7 days. */
const rateText = (amount: string, period: string): string | undefined => {
  const unit = period.toLowerCase();
  if (unit === 'week') {
    const count = parseCount(amount);
    return count.ok ? `${String(count.value / 7)}/day` : undefined;
  }
  return `${amount}/${unit}`;
};

// Nouns that are people (a count of them is users, never writes) and nouns that are reads.
const PEOPLE =
  /^(?:users?|dau|mau|people|persons?|visitors?|customers?|clients?|members?|subscribers?|employees?|riders?|drivers?|players?|viewers?|readers?|followers?|accounts?|sellers?|buyers?|merchants?|patients?|students?|devices?|engineers?)$/i;
const READS =
  /^(?:reads?|views?|pageviews?|redirects?|lookups?|visits?|opens?|clicks?|searches?|queries|query|fetch(?:es)?|downloads?|impressions?|requests? to read|gets?|plays?|streams?)$/i;
// Words that are not a noun of an event: "1M new pastes a day" skips "new".
const NOT_EVENTS =
  /^(?:a|an|the|per|each|every|at|of|in|on|and|or|to|with|growth|growing|more|times|x|percent|%)$/i;

const rx = (source: string): RegExp => new RegExp(source, 'gi');

interface Finder {
  readonly pattern: RegExp;
  readonly read: (match: RegExpExecArray) => readonly Omit<StatedFact, 'source' | 'quote'>[] | undefined;
}

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: string }): T | undefined =>
  result.ok ? result.value : undefined;

const NINES: Readonly<Record<string, string>> = {
  two: '99%',
  '2': '99%',
  three: '99.9%',
  '3': '99.9%',
  four: '99.99%',
  '4': '99.99%',
  five: '99.999%',
  '5': '99.999%',
  six: '99.9999%',
  '6': '99.9999%',
};

const SIZE_UNIT = String.raw`(?:bytes?|b|kb|kib|mb|mib|gb|gib|tb|tib)\b`;
const DURATION_UNIT = String.raw`(?:years?|yrs?|y|months?|mo|weeks?|w|days?|d|hours?|hrs?|h)\b`;
const LATENCY_UNIT = String.raw`(?:ms|msec|milliseconds?|s|secs?|seconds?)\b`;

function sizeText(amount: string, unit: string): string | undefined {
  const normal = unit.toLowerCase().startsWith('byte') ? 'B' : unit;
  const text = `${amountText(amount)}${normal}`;
  return ok(parseSize(text)) === undefined ? undefined : text;
}

function durationText(amount: string, unit: string): string | undefined {
  const lower = unit.toLowerCase();
  const seconds: Seconds | undefined = lower.startsWith('w')
    ? ok(parseDuration(`${String(Number(amount.replace(/,/g, '')) * 7)}d`))
    : ok(parseDuration(`${amount} ${lower}`));
  if (seconds === undefined) return undefined;
  return lower.startsWith('w')
    ? `${String(Number(amount.replace(/,/g, '')) * 7)} days`
    : `${amount} ${lower}`;
}

/** The clause a match sits in: from the last separator before it to the next after it. */
function clauseOf(match: RegExpExecArray): string {
  const marks = [',', ';', '. ', '\n'];
  const start = Math.max(...marks.map((mark) => match.input.lastIndexOf(mark, match.index)));
  const ends = marks
    .map((mark) => match.input.indexOf(mark, match.index + match[0].length))
    .filter((end) => end >= 0);
  return match.input.slice(start + 1, ends.length > 0 ? Math.min(...ends) : undefined);
}

/** Whether a clause around a size speaks of reads (a response, a page) rather than of what is written. */
const READ_SIDE = /\b(?:reads?|responses?|pages?|results?|feeds?|downloads?|served|returns?)\b/i;

const FINDERS: readonly Finder[] = [
  // Users: "500M DAU", "50M daily active users", "2M daily users"; "DAU of 3M".
  {
    pattern: rx(
      String.raw`${NUM}\s*(?:dau\b|daily active users\b|daily users\b|active users (?:a|per|each) day\b|users (?:a|per|each) day\b|daily actives\b)`,
    ),
    read: (m) => count('estimation.users', m[1]),
  },
  {
    pattern: rx(String.raw`\bdau\s*(?:of|is|:|=|~|at)?\s*${NUM}`),
    read: (m) => count('estimation.users', m[1]),
  },
  // "N <noun> a day", "N new pastes/day", "N messages a day each", "N reads per user per day".
  {
    pattern: rx(
      String.raw`${NUM}\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)(\s+each)?\s*(?:\/|\bper\s+|\ba\s+|\ban\s+|\bevery\s+)(?:(user|dau|person)\s*(?:\/|\bper\s+|\ba\s+|\beach\s+)?)?${PERIOD}(\s+(?:each|per user|per dau|per person|apiece))?`,
    ),
    read: (m) => eventRate(m[1], m[2], m[3] !== undefined || m[4] !== undefined || m[6] !== undefined, m[5]),
  },
  // "N <noun> daily".
  {
    pattern: rx(
      String.raw`${NUM}\s+((?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+(daily|hourly|monthly|weekly|yearly|annually)\b`,
    ),
    read: (m) => eventRate(m[1], m[2], false, PERIOD_WORDS[(m[3] ?? '').toLowerCase()]),
  },
  // Reads as a multiple of writes: "10x as many reads", "10 times more reads", "reads 10x writes".
  {
    pattern: rx(
      String.raw`(\d+(?:\.\d+)?)\s*(?:x|times)\s+(?:as many|more)\s+(?:reads|views|redirects|lookups|visits|fetches)\b`,
    ),
    read: (m) => ratio(`${m[1] ?? ''}:1`),
  },
  {
    pattern: rx(
      String.raw`\breads?\s+(?:are\s+|outnumber\s+writes\s+)?(\d+(?:\.\d+)?)\s*(?:x|times)(?:\s+(?:the\s+)?writes)?\b`,
    ),
    read: (m) => ratio(`${m[1] ?? ''}:1`),
  },
  // "100 redirects per link created", "50 reads per write".
  {
    pattern: rx(
      String.raw`(\d+(?:\.\d+)?)\s+(?:reads?|views?|redirects?|lookups?|visits?|clicks?|fetches)\s+(?:per|for each|for every)\s+(?!(?:user|dau|person|day|hour|second|minute|month|year)\b)[a-z]+`,
    ),
    read: (m) => ratio(`${m[1] ?? ''}:1`),
  },
  // "read:write 10:1", "10:1 read/write", "read-heavy, 100:1".
  {
    pattern: rx(
      String.raw`\bread(?:s|[- ]?heavy)?(?:\s*[:/]\s*writes?)?\b[^.;:\d]{0,20}?(\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?)|(\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?)\s*(?:reads?\s*(?:to|:|\/)\s*writes?|read[:/]write|r:w)\b`,
    ),
    read: (m) => ratio((m[1] ?? m[2] ?? '').replace(/\s+/g, '')),
  },
  // Sizes: "10KB each", "each paste ~10KB", "1KB per record", "average 500 bytes", "responses of 50KB".
  {
    pattern: rx(
      String.raw`(?:\b(each|avg|average|per|size(?: of)?|sized?|about|of)\s+(?:[a-z][\w-]*\s+){0,2}?(?:is\s+|are\s+|of\s+|at\s+)?)?${NUM}\s*(${SIZE_UNIT})(\s+(?:each|apiece|a piece|per\s+[a-z]+|on average|average|avg))?`,
    ),
    read: (m) => {
      if (m[1] === undefined && m[4] === undefined) return undefined;
      if (/^(?:about|of)$/i.test(m[1] ?? '') && m[4] === undefined) return undefined;
      const text = sizeText(m[2] ?? '', m[3] ?? '');
      if (text === undefined) return undefined;
      return [
        {
          slot: READ_SIDE.test(clauseOf(m)) ? 'estimation.read-size' : 'estimation.write-size',
          text,
        },
      ];
    },
  },
  // Retention: "kept 5 years", "retained for 90 days", "retention 1y", "7 years of history".
  {
    pattern: rx(
      String.raw`\b(?:kept|keep|keeping|retain(?:ed|s)?|retention(?:\s+(?:period|is|of))*|stored|store(?:s)?|held|expire[sd]?\s+after|deleted\s+after|purged\s+after|ttl(?:\s+of)?)\s*(?:[:=]\s*)?(?:for\s+)?(?:up to\s+|about\s+|~)?(\d+(?:\.\d+)?)\s*(${DURATION_UNIT})`,
    ),
    read: (m) => duration(m[1], m[2]),
  },
  {
    pattern: rx(
      String.raw`(\d+(?:\.\d+)?)\s*(${DURATION_UNIT})\s+(?:of\s+(?:[a-z]+\s+){0,2}?(?:history|data|retention|records|logs|archive)|retention)\b`,
    ),
    read: (m) => duration(m[1], m[2]),
  },
  // Peak factor: "3x at peak", "peak 3x average", "peaks at 3x", "peak factor 3", "3x peak".
  {
    pattern: rx(
      String.raw`(\d+(?:\.\d+)?)\s*x\s+(?:at\s+(?:the\s+)?(?:[\w-]+\s+)?peak|peak|(?:higher|more)\s+at\s+peak|the average at peak)\b`,
    ),
    read: (m) => [{ slot: 'estimation.peak-factor', text: m[1] ?? '' }],
  },
  {
    pattern: rx(String.raw`\bpeaks?\s*(?:is\s+|at\s+|of\s+|:\s*)?(\d+(?:\.\d+)?)\s*(?:x|times)(?![a-z])`),
    read: (m) => [{ slot: 'estimation.peak-factor', text: m[1] ?? '' }],
  },
  {
    pattern: rx(String.raw`\bpeak[- ]factor\s*(?:of\s+|is\s+|[:=]\s*)?(\d+(?:\.\d+)?)(?![\d.]*\s*[a-z/%])`),
    read: (m) => [{ slot: 'estimation.peak-factor', text: m[1] ?? '' }],
  },
  // Latency percentiles: "p99 200ms", "P50 ~10ms, p99 < 100ms", "200 ms at p99".
  {
    pattern: rx(
      String.raw`\bp(50|9\d(?:\.9+)?)\s*(?:latency\s*)?(?:[:=<≤]|of|under|below|within|at|is|<=)?\s*(?:under\s+|below\s+)?~?\s*(\d+(?:\.\d+)?)\s*(${LATENCY_UNIT})`,
    ),
    read: (m) => latency(m[1], m[2], m[3]),
  },
  {
    pattern: rx(
      String.raw`(?:under\s+|below\s+|<\s*)?(\d+(?:\.\d+)?)\s*(${LATENCY_UNIT})\s*(?:at\s+(?:the\s+)?)?p(50|9\d(?:\.9+)?)\b`,
    ),
    read: (m) => latency(m[3], m[1], m[2]),
  },
  // Availability: "four nines", "99.99% availability", "uptime of 99.9%", "SLA 99.95%".
  {
    pattern: rx(String.raw`\b(two|three|four|five|six|[2-6])\s+nines\b`),
    read: (m) => availability(NINES[(m[1] ?? '').toLowerCase()]),
  },
  {
    pattern: rx(
      String.raw`(9\d(?:\.\d+)?)\s*%\s*(?:availability|available|uptime|up\b|sla|slo)|\b(?:availability|uptime|sla|slo)\s*(?:target\s*)?(?:of|is|:|=|at)?\s*(9\d(?:\.\d+)?)\s*%`,
    ),
    read: (m) => availability(`${m[1] ?? m[2] ?? ''}%`),
  },
];

function count(
  slot: FactSlot,
  written: string | undefined,
): Omit<StatedFact, 'source' | 'quote'>[] | undefined {
  if (written === undefined) return undefined;
  const text = amountText(written);
  const value = ok(parseCount(text));
  return value !== undefined && value > 0 ? [{ slot, text }] : undefined;
}

function ratio(text: string): Omit<StatedFact, 'source' | 'quote'>[] | undefined {
  const value = ok(parseRatio(text));
  return value !== undefined && value > 0 ? [{ slot: 'estimation.reads', text }] : undefined;
}

function duration(
  amount: string | undefined,
  unit: string | undefined,
): Omit<StatedFact, 'source' | 'quote'>[] | undefined {
  const text = amount && unit ? durationText(amount, unit) : undefined;
  return text === undefined ? undefined : [{ slot: 'estimation.retention', text }];
}

function availability(text: string | undefined): Omit<StatedFact, 'source' | 'quote'>[] | undefined {
  if (text === undefined) return undefined;
  const value = ok(parsePercent(text));
  return value !== undefined && value >= 0.9 && value < 1
    ? [{ slot: 'requirements.availability', text }]
    : undefined;
}

function latency(
  percentile: string | undefined,
  amount: string | undefined,
  unit: string | undefined,
): Omit<StatedFact, 'source' | 'quote'>[] | undefined {
  if (!percentile || !amount || !unit) return undefined;
  const compact = /^(?:ms|msec|millisecond)/i.test(unit) ? `${amount}ms` : `${amount}s`;
  return [{ slot: 'requirements.latency', text: `P${percentile} ${compact}` }];
}

/** "1M new pastes a day" -> writes 1M/day; "40 messages a day each" -> 40/day per user; reads by noun. */
function eventRate(
  amount: string | undefined,
  phrase: string | undefined,
  perUser: boolean,
  period: string | undefined,
): Omit<StatedFact, 'source' | 'quote'>[] | undefined {
  if (!amount || !phrase || !period) return undefined;
  const words = phrase.trim().split(/\s+/);
  const noun = words[words.length - 1] ?? '';
  if (words.some((word) => NOT_EVENTS.test(word) && word !== 'new') || PEOPLE.test(noun)) return undefined;
  if (/^(?:rps|qps|tps|requests?|calls?|hits?|times?)$/i.test(noun)) return undefined;
  const base = rateText(amountText(amount), period);
  if (base === undefined) return undefined;
  const text = perUser ? `${base} per user` : base;
  const rate = ok(parseRate(text));
  if (rate === undefined || rate.perSecond <= 0) return undefined;
  return [{ slot: READS.test(noun) ? 'estimation.reads' : 'estimation.writes', text }];
}

// A peak rate: "~5k rps at peak", "20K/s at peak", "peak of 5k QPS", "5 requests a second at the month-end peak".
const PER_SECOND = String.raw`(?:[a-z]+\s*)?(?:rps|qps|tps|\/\s*s(?:ec(?:ond)?)?|(?:per|a)\s+sec(?:ond)?|per\s+s)\b`;
const PEAK_AFTER = rx(
  String.raw`${NUM}\s*${PER_SECOND}\s*(?:\(?\s*)?(?:at\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?peak|peak|during\s+(?:the\s+)?peak)\b`,
);
const PEAK_BEFORE = rx(
  String.raw`\bpeaks?\s*(?:(?:traffic|load|rate|is|of|at|around|about|:)\s*)*${NUM}\s*${PER_SECOND}`,
);

function peakOf(quote: string): StatedPeak['of'] {
  const words = quote.toLowerCase().split(/[^a-z]+/);
  if (words.some((word) => READS.test(word))) return 'reads';
  return words.some((word) =>
    /^(?:writes?|uploads?|inserts?|posts?|messages?|events?|orders?|payments?|transactions?)$/.test(word),
  )
    ? 'writes'
    : 'requests';
}

function peakIn(statement: Statement): StatedPeak | undefined {
  for (const pattern of [PEAK_AFTER, PEAK_BEFORE]) {
    pattern.lastIndex = 0;
    const match = pattern.exec(statement.text);
    const amount = match?.[1];
    if (!match || amount === undefined) continue;
    const rate = ok(parseRate(`${amountText(amount)}/s`));
    if (rate !== undefined && rate.perSecond > 0)
      return {
        perSecond: rate.perSecond,
        of: peakOf(match[0]),
        quote: match[0].trim(),
        source: statement.source,
      };
  }
  return undefined;
}

/** Every fact stated in the statements, the first statement's first. */
export function statedFacts(statements: readonly Statement[]): StatedFacts {
  const facts = new Map<FactSlot, StatedFact>();
  let peak: StatedPeak | undefined;
  for (const statement of statements) {
    peak ??= peakIn(statement);
    // A latency answer states both percentiles: they are gathered into one fact.
    const percentiles: { text: string; quote: string }[] = [];
    for (const finder of FINDERS) {
      finder.pattern.lastIndex = 0;
      for (const match of statement.text.matchAll(finder.pattern)) {
        // A peak rate is not an average: "5k writes/s at peak" says nothing of the average writes.
        const after = statement.text.slice(match.index + match[0].length, match.index + match[0].length + 16);
        const read = finder.read(match);
        for (let fact of read ?? []) {
          const quote = match[0].trim();
          if (fact.slot === 'requirements.latency') {
            if (!percentiles.some((p) => p.text.split(' ')[0] === fact.text.split(' ')[0]))
              percentiles.push({ text: fact.text, quote });
            continue;
          }
          const atPeak =
            (fact.slot === 'estimation.writes' || fact.slot === 'estimation.reads') &&
            /^\s*\(?\s*(?:at|during)\s+(?:the\s+)?(?:[\w-]+\s+)?peak/i.test(after);
          if (atPeak) fact = { ...fact, text: `${fact.text} at peak` };
          if (!facts.has(fact.slot)) facts.set(fact.slot, { ...fact, quote, source: statement.source });
        }
      }
    }
    if (percentiles.length > 0 && !facts.has('requirements.latency')) {
      const ordered = [...percentiles].sort((a, b) => a.text.localeCompare(b.text, 'en', { numeric: true }));
      facts.set('requirements.latency', {
        slot: 'requirements.latency',
        text: ordered.map((p) => p.text).join(', '),
        quote: ordered.map((p) => p.quote).join(', '),
        source: statement.source,
      });
    }
  }
  return { facts, ...(peak ? { peak } : {}) };
}

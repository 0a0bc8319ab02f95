import { describe, expect, it } from 'vitest';
import { statedFacts, type FactSlot } from '../../src/protocols/design/stated-facts.js';
import {
  NEVER_LOSE,
  annualGrowth,
  invariantIn,
  parseConsistency,
  parseDurability,
  regionNeedsIn,
} from '../../src/protocols/design/requirements.js';
import { value } from '../support/results.js';

const factsOf = (text: string): Partial<Record<string, string>> =>
  Object.fromEntries(
    [...statedFacts([{ source: 'requirements.scale', text }]).facts.values()].map((fact) => [
      fact.slot.replace(/^\w+\./, ''),
      fact.text,
    ]),
  );

describe('facts stated in free text', () => {
  const TABLE: readonly [string, Partial<Record<string, string>>][] = [
    ['500M DAU, 20% growth a year', { users: '500M' }],
    ['DAU of 3 million', { users: '3M' }],
    ['50M daily active users', { users: '50M' }],
    ['1M new pastes a day, 10x as many reads', { writes: '1M/day', reads: '10:1' }],
    ['10KB each, kept 5 years', { 'write-size': '10KB', retention: '5 years' }],
    ['each paste is about 10KB; responses of 50KB each', { 'write-size': '10KB', 'read-size': '50KB' }],
    ['average 500 bytes', { 'write-size': '500B' }],
    ['7 years of score history', { retention: '7 years' }],
    ['retained for 90 days', { retention: '90 days' }],
    ['3x at peak', { 'peak-factor': '3' }],
    ['peak 3x average', { 'peak-factor': '3' }],
    ['peak factor 2.5', { 'peak-factor': '2.5' }],
    ['four nines, p99 200ms', { availability: '99.99%', latency: 'P99 200ms' }],
    ['three nines', { availability: '99.9%' }],
    ['99.95% availability', { availability: '99.95%' }],
    ['uptime of 99.9%', { availability: '99.9%' }],
    ['P50 ~10ms, p99 < 100ms', { latency: 'P50 10ms, P99 100ms' }],
    [
      '500M daily active users sending 40 messages a day each; 20% growth a year',
      { users: '500M', writes: '40/day per user' },
    ],
    [
      '30M daily active users, 5 home page views each a day, 25% growth a year',
      { users: '30M', reads: '5/day per user' },
    ],
    ['2 posts per user per day', { writes: '2/day per user' }],
    ['100M new links a month, 100 redirects per link created', { writes: '100M/month', reads: '100:1' }],
    ['read:write 100:1', { reads: '100:1' }],
    // People are not events, an upper bound is not an average, a percentage is growth.
    ['1M drivers online at the busiest hour, 12M riders a day, 15M trips a day', { writes: '15M/day' }],
    ['A user pastes up to 1 MB of text and gets back a short URL within 200 ms.', {}],
    ['2M internal documents, 50k employees, about 10 questions per employee a day; 30% growth a year', {}],
    ['20K/s at peak', {}],
  ];
  it.each(TABLE)('%s', (text, expected) => {
    expect(factsOf(text)).toEqual(expected);
  });

  it('reads a peak rate, and what peaks, and quotes the words', () => {
    const peakOf = (text: string) => statedFacts([{ source: 'requirements.scale', text }]).peak;
    expect(peakOf('500M DAU, ~5k rps at peak')).toEqual({
      perSecond: 5000,
      of: 'requests',
      quote: '~5k rps at peak',
      source: 'requirements.scale',
    });
    expect(peakOf('peak of 5k QPS')?.perSecond).toBe(5000);
    expect(peakOf('20K/s at peak')?.perSecond).toBe(20_000);
    expect(peakOf('5k writes/s at peak')).toMatchObject({ perSecond: 5000, of: 'writes' });
    expect(peakOf('about 5 requests a second at the month-end peak')?.perSecond).toBe(5);
    expect(peakOf('1M new pastes a day')).toBeUndefined();
  });

  it('takes the first statement that states a fact, and names it', () => {
    const facts = statedFacts([
      { source: 'requirements.scale', text: '2M DAU' },
      { source: 'requirements.functional', text: '5M DAU, kept 90 days' },
    ]).facts;
    expect(facts.get('estimation.users' satisfies FactSlot)).toEqual({
      slot: 'estimation.users',
      text: '2M',
      quote: '2M DAU',
      source: 'requirements.scale',
    });
    expect(facts.get('estimation.retention')?.source).toBe('requirements.functional');
  });
});

describe('words that state requirements', () => {
  it.each([
    "can't lose payments or double-assign a driver",
    'never double-book a seat',
    'payments are processed exactly once',
    'no double charge, ever',
  ])('"%s" is strong consistency', (text) => {
    expect(value(parseConsistency(text)).model).toBe('strong');
  });

  it('an invariant beside a staleness allowance stays an invariant, not a global strong model', () => {
    const text = 'eventual is fine for the map, but never double-assign a driver';
    expect(value(parseConsistency(text)).model).toBe('eventual');
    expect(invariantIn([text])?.phrase).toBe('never double-assign');
  });

  it('"must see its own write" is read-your-writes', () => {
    expect(value(parseConsistency('a user must see its own writes; others may lag')).model).toBe(
      'read-your-writes',
    );
  });

  it.each(["can't lose payments", 'we must never lose an order', 'acknowledged data must not be lost'])(
    '"%s" is RPO 0',
    (text) => {
      expect(NEVER_LOSE.test(text)).toBe(true);
      expect(value(parseDurability(text)).rpoSeconds).toBe(0);
    },
  );

  it.each([
    'survive a region outage',
    'multi-region',
    'if a region goes down we keep serving',
    'two regions',
  ])('"%s" is a requirement to survive losing a region', (text) => {
    const needs = regionNeedsIn(['RPO 5 minutes', text]);
    expect(needs.survive).toBe(true);
    expect(needs.phrase).toBeDefined();
  });
});

describe('annual growth', () => {
  it.each([
    ['30% growth a year', 0.3],
    ['growing 40% year over year', 0.4],
    ['20% yearly', 0.2],
    ['doubling every year', 1],
    ['2x a year', 1],
    ['3x/yr', 2],
    ['10% a month', 2.138],
  ] as const)('"%s" is %f a year', (text, expected) => {
    expect(annualGrowth(text)).toBeCloseTo(expected, 3);
  });

  it('is undefined when no growth is stated', () => {
    expect(annualGrowth('2M DAU')).toBeUndefined();
  });
});

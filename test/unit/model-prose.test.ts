/**
 * The model's prose against the design's invariants: numerals the session has, keys the baseline
 * has, prose that reads as prose; and the prose maps that say which fields of a draft are prose.
 */
import { describe, expect, it } from 'vitest';
import { checkFindings, checkProse, readsAsProse } from '../../src/copilot/anthropic/model-prose.js';
import { foreignNumerals, numeralSet, numeralsIn } from '../../src/copilot/anthropic/numerals.js';
import { applyProse, partition, proseEntries } from '../../src/copilot/anthropic/prose-patch.js';

describe('numerals in model prose', () => {
  it('reads numbers, not names with digits in them', () => {
    expect(numeralsIn('p99 under 200 ms on ec2, 1,000 writes/s, 99.95% and 10x; http2 and s3')).toEqual([
      '200',
      '1000',
      '99.95',
      '10',
    ]);
    expect(numeralsIn('~1.2K req/s, 54.8 TB, version 2.0.1')).toEqual(['1.2', '54.8', '2.0']);
  });

  it('finds the numerals the session does not have, each once', () => {
    const allowed = numeralSet('Peak ~382/s; storage 54.8 TB', 'the user said 1M pastes a day');
    expect(foreignNumerals('382/s at peak, 54.8 TB over retention', allowed)).toEqual([]);
    expect(foreignNumerals('about 400/s, 400 at most, and 3 replicas', allowed)).toEqual(['400', '3']);
    // "1,000" and "1000" are one numeral; "1.2K" is the numeral 1.2.
    expect(foreignNumerals('1,000 reads', numeralSet('1000 reads'))).toEqual([]);
    expect(foreignNumerals('1.2K reads', numeralSet('1200 reads'))).toEqual(['1.2']);
  });
});

describe('prose maps', () => {
  const architecture = {
    summary: 'A modular monolith in front of PostgreSQL.',
    components: [
      { id: 'api', name: 'API', purpose: 'Serves 382/s at peak.', failureMode: 'Overload.', data: 'none' },
      { id: 'db', name: 'Store', purpose: 'Holds pastes.', failureMode: 'Failover.', data: 'rows' },
    ],
    flows: [{ from: 'api', to: 'db', label: 'writes' }],
  };
  const map = ['summary', 'components[id].purpose', 'components[id].failureMode'];

  it('lists the prose of a value keyed by its ids, in order', () => {
    expect(proseEntries(architecture, map).map((entry) => entry.key)).toEqual([
      'summary',
      'components[api].purpose',
      'components[db].purpose',
      'components[api].failureMode',
      'components[db].failureMode',
    ]);
  });

  it('changes only the named strings: ids, flows, other fields and numbers stay', () => {
    const patched = applyProse(
      architecture,
      map,
      new Map([
        ['components[db].purpose', 'Holds every paste and its expiry.'],
        ['components[ghost].purpose', 'Invented.'],
      ]),
    );
    expect(patched.components[1]?.purpose).toBe('Holds every paste and its expiry.');
    expect({ ...patched, components: patched.components.map((c) => ({ ...c, purpose: '' })) }).toEqual({
      ...architecture,
      components: architecture.components.map((c) => ({ ...c, purpose: '' })),
    });
    expect(architecture.components[1]?.purpose).toBe('Holds pastes.');
  });

  it('keys lines and rows of nested arrays, and tells repeated ids apart', () => {
    const dives = [
      {
        componentId: 'db',
        why: 'The hardest part.',
        approach: ['Shard by key.', 'Replicate.'],
        scaling: [
          { factor: 10, numbers: '3.8K/s', plan: 'Add replicas.' },
          { factor: 100, numbers: '38K/s', plan: 'Shard.' },
        ],
      },
      { componentId: 'db', why: 'Again.', approach: [], scaling: [] },
    ];
    const keys = proseEntries(dives, [
      '[componentId].why',
      '[componentId].approach[]',
      '[componentId].scaling[factor].plan',
    ]).map((entry) => entry.key);
    expect(keys).toEqual([
      '[db].why',
      '[db~2].why',
      '[db].approach[0]',
      '[db].approach[1]',
      '[db].scaling[10].plan',
      '[db].scaling[100].plan',
    ]);
    const patched = applyProse(
      dives,
      ['[componentId].scaling[factor].plan'],
      new Map([['[db].scaling[100].plan', 'Shard by key.']]),
    );
    expect(patched[0]?.scaling[1]).toEqual({ factor: 100, numbers: '38K/s', plan: 'Shard by key.' });
  });
});

describe('checking model prose', () => {
  const baseline = [
    { key: 'explain', text: 'Where the system of record lives: 382/s at peak.' },
    { key: 'position', text: 'PostgreSQL: one primary holds the writes.' },
  ];
  const allowed = numeralSet(JSON.stringify(baseline));

  it('accepts changed prose with the session numbers, skips unchanged text', () => {
    const checked = checkProse(
      [
        { key: 'explain', text: 'The pastes need a home that takes 382/s at peak without sharding.' },
        { key: 'position', text: 'PostgreSQL: one primary holds the writes.' },
      ],
      baseline,
      allowed,
    );
    expect([...checked.accepted.keys()]).toEqual(['explain']);
    expect(checked.refused).toEqual([]);
  });

  it('refuses invented numbers, placeholders, unknown and repeated keys', () => {
    const checked = checkProse(
      [
        { key: 'explain', text: 'stand-in numbers 42 at 3.7x headroom' },
        { key: 'position', text: 'x' },
        { key: 'ghost-1', text: 'A component that does not exist.' },
        { key: 'ghost-1', text: 'A component that does not exist.' },
      ],
      baseline,
      allowed,
    );
    expect(checked.accepted.size).toBe(0);
    expect(checked.refused.map((refusal) => [refusal.key, refusal.repairable])).toEqual([
      ['explain', true],
      ['position', true],
      ['ghost-1', false],
      ['ghost-1', false],
    ]);
    expect(checked.refused[0]?.why).toBe('numbers the session does not have: 42, 3.7');
  });

  it('refuses markup and web addresses the replaced text does not use', () => {
    const base = [
      { key: 'explain', text: 'From the guide *Database design*: one primary holds the writes.' },
      { key: 'position', text: 'PostgreSQL: one primary holds the writes.' },
    ];
    const checked = checkProse(
      [
        { key: 'explain', text: 'From the guide *Database design*: the primary takes every write.' },
        { key: 'position', text: 'PostgreSQL, see [the docs](https://example.com) and ***this***.' },
      ],
      base,
      allowed,
    );
    expect([...checked.accepted.keys()]).toEqual(['explain']);
    expect(checked.refused).toEqual([
      { key: 'position', why: 'markup the baseline does not use: [ ] :// *', repairable: true },
    ]);
  });

  it('takes three words for prose', () => {
    expect(readsAsProse('xxxxxxxx')).toBe(false);
    expect(readsAsProse('x x x x')).toBe(false);
    expect(readsAsProse('text text text')).toBe(false);
    expect(readsAsProse('Serves reads from replicas.')).toBe(true);
  });
});

describe('checking a second opinion', () => {
  it('keeps findings about ids the design has, with its numbers; refuses the rest with the reason', () => {
    const cites = new Set(['requirements.latency', 'metadata-db']);
    const allowed = numeralSet('P99 200 ms; 382/s peak');
    const { kept, refused } = checkFindings(
      [
        {
          about: 'metadata-db',
          finding: 'One primary takes every write.',
          evidence: 'At 382/s peak a failover pauses writes.',
        },
        { about: 'ghost-1', finding: 'A component that is not there.', evidence: 'It was invented here.' },
        {
          about: 'requirements.latency',
          finding: 'The tail budget is tight.',
          evidence: 'P99 of 150 ms is not met.',
        },
        {
          about: 'metadata-db',
          finding: 'One primary takes every write.',
          evidence: 'At 382/s peak a failover pauses writes.',
        },
        { about: 'metadata-db', finding: 'x', evidence: 'y' },
      ],
      cites,
      allowed,
    );
    expect(kept.map((finding) => finding.about)).toEqual(['metadata-db']);
    expect(refused).toEqual([
      'about "ghost-1", which the design does not have',
      'numbers the session does not have (150)',
      'given twice',
      'not prose',
    ]);
  });
});

describe('writing a long draft in parts', () => {
  const entry = (key: string, length: number): { key: string; text: string } => ({
    key,
    text: 'x'.repeat(length),
  });

  it('keeps a short draft whole and splits a long one by element, each element in one part', () => {
    expect(partition([entry('summary', 100), entry('components[api].purpose', 100)], 4_000, 3)).toHaveLength(
      1,
    );
    const dives = ['a', 'b', 'c'].flatMap((id) => [
      entry(`[${id}].why`, 1_500),
      entry(`[${id}].approach[0]`, 1_500),
    ]);
    // The map lists every dive's `why` first, then every approach line.
    const ordered = [
      ...dives.filter((e) => e.key.endsWith('.why')),
      ...dives.filter((e) => !e.key.endsWith('.why')),
    ];
    const parts = partition(ordered, 4_000, 3);
    expect(parts.map((part) => part.map((e) => e.key))).toEqual([
      ['[a].why', '[a].approach[0]'],
      ['[b].why', '[b].approach[0]'],
      ['[c].why', '[c].approach[0]'],
    ]);
    expect(partition(ordered, 4_000, 2)).toHaveLength(2);
  });
});

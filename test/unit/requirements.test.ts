import { describe, expect, it } from 'vitest';
import {
  isEvasive,
  parseConsistency,
  parseDurability,
  parseFreshness,
  parseLatencyTarget,
  parseModelSize,
  parseScale,
  parseUseCases,
  pushBackOnConsistency,
  pushBackOnDurability,
  pushBackOnScale,
  pushBackOnUseCases,
  useCaseGaps,
} from '../../src/protocols/design/requirements.js';
import { parseTeamSize } from '../../src/protocol/answer-text.js';
import { error, value } from '../support/results.js';

describe('use cases', () => {
  const SPECIFIC = 'Given a user_id, the service returns 10 products within 100 ms';

  it('finds every gap in a wish and none in a requirement', () => {
    expect(useCaseGaps('A recommendation system')).toEqual([
      'what they get back (an output)',
      'how fast (a latency)',
    ]);
    expect(useCaseGaps('recommendations')).toEqual([
      'who does it (an actor)',
      'what they get back (an output)',
      'how fast (a latency)',
    ]);
    expect(useCaseGaps(SPECIFIC)).toEqual([]);
  });

  it('pushes back on a vague use case and quotes it', () => {
    const pushBack = pushBackOnUseCases(['A recommendation system']);
    expect(pushBack).toContain(
      '"A recommendation system" does not say what they get back (an output), how fast (a latency).',
    );
    expect(pushBack).toContain('A requirement names an actor, an input, an output and a latency');
  });

  it('accepts specific use cases, and one missing only a latency', () => {
    expect(pushBackOnUseCases([SPECIFIC])).toBeUndefined();
    expect(pushBackOnUseCases(['A user uploads a photo and sees a thumbnail'])).toBeUndefined();
  });

  it('names only the vague ones among several', () => {
    const pushBack = pushBackOnUseCases([SPECIFIC, 'search']);
    expect(pushBack).toMatch(/^"search" does not say/);
    expect(pushBack).not.toContain(SPECIFIC);
  });

  it('splits multi-line text on lines only, keeping semicolons inside a line', () => {
    expect(value(parseUseCases('- A user pastes; gets a URL\n- A visitor reads it\n\n'))).toEqual([
      'A user pastes; gets a URL',
      'A visitor reads it',
    ]);
    expect(value(parseUseCases('1. first\r\n2) second\n* third'))).toEqual(['first', 'second', 'third']);
  });

  it('splits a single line on "; "', () => {
    expect(value(parseUseCases('A user pastes text; a visitor reads it'))).toEqual([
      'A user pastes text',
      'a visitor reads it',
    ]);
    expect(value(parseUseCases('key;value stays whole'))).toEqual(['key;value stays whole']);
  });

  it('takes a written list item by item and strips bullets', () => {
    expect(value(parseUseCases(['- one; two', '  ', '+ three']))).toEqual(['one; two', 'three']);
  });

  it('refuses an empty answer', () => {
    expect(error(parseUseCases('  \n - \n'))).toBe('expected at least one use case, one per line');
  });
});

describe('parseScale', () => {
  it('reads the growth a year, in the ways engineers write it', () => {
    expect(value(parseScale('2M users, growing 40% year over year')).growth).toBe(0.4);
    expect(value(parseScale('5M DAU, +25%/yr')).growth).toBe(0.25);
    expect(value(parseScale('1M users, doubling every year')).growth).toBe(1);
    expect(value(parseScale('500K notes a day')).growth).toBeUndefined();
    expect(value(parseScale('99.9% of 1M requests')).growth).toBeUndefined();
  });

  it('takes the first number as the headline', () => {
    expect(value(parseScale('10M daily users, 20% growth a year'))).toEqual({
      text: '10M daily users, 20% growth a year',
      headline: 10_000_000,
      growth: 0.2,
    });
    expect(value(parseScale('about 500K notes a day')).headline).toBe(500_000);
    expect(value(parseScale('1,500 requests a day')).headline).toBe(1_500);
  });

  it('keeps an answer without a number and pushes back on it', () => {
    const scale = value(parseScale('lots of users, growing fast'));
    expect(scale).toEqual({ text: 'lots of users, growing fast' });
    expect(pushBackOnScale(scale)).toMatch(/^That has no number in it\./);
    expect(pushBackOnScale(value(parseScale('2M users')))).toBeUndefined();
  });

  it('refuses an empty answer', () => {
    expect(error(parseScale('   '))).toContain('expected the scale in words and numbers');
  });
});

describe('parseLatencyTarget', () => {
  it('reads P50 and P99', () => {
    expect(value(parseLatencyTarget('P50 50ms, P99 200ms'))).toEqual({ p50: 0.05, p99: 0.2 });
    expect(value(parseLatencyTarget('p50: 20 ms; p99 < 1s'))).toEqual({ p50: 0.02, p99: 1 });
  });

  it('takes a single figure as the P99, and a P95 when no P99 is given', () => {
    expect(value(parseLatencyTarget('200ms'))).toEqual({ p99: 0.2 });
    expect(value(parseLatencyTarget('about 1.5 s'))).toEqual({ p99: 1.5 });
    expect(value(parseLatencyTarget('P95 300ms'))).toEqual({ p99: 0.3 });
  });

  // The reader's own pattern accepts "seconds" and "milliseconds" (and the prompt invites words),
  // so a target written that way must parse rather than be refused as having no figure.
  it('accepts the spelled-out units its pattern matches', () => {
    expect(value(parseLatencyTarget('under 2 seconds'))).toEqual({ p99: 2 });
    expect(value(parseLatencyTarget('P50 40 milliseconds, P99 150 milliseconds'))).toEqual({
      p50: 0.04,
      p99: 0.15,
    });
  });

  it('refuses words without a figure', () => {
    expect(error(parseLatencyTarget('fast'))).toBe(
      'expected latency targets like "P50 50ms, P99 200ms" (a single figure is taken as the P99), or a batch deadline like "the nightly run must finish within 4h", got "fast"',
    );
  });
});

describe('parseConsistency', () => {
  it('recognises the three models and a staleness bound', () => {
    expect(value(parseConsistency('strong'))).toEqual({ text: 'strong', model: 'strong' });
    expect(value(parseConsistency('eventual, up to 5 s stale'))).toEqual({
      text: 'eventual, up to 5 s stale',
      model: 'eventual',
      stalenessSeconds: 5,
    });
    expect(value(parseConsistency('a user reads their own writes')).model).toBeUndefined();
    expect(value(parseConsistency('read-your-writes for authors')).model).toBe('read-your-writes');
    expect(value(parseConsistency('no stale reads ever')).model).toBe('strong');
  });

  it('pushes back only when neither a model nor a staleness is given', () => {
    expect(pushBackOnConsistency(value(parseConsistency('whatever works')))).toMatch(
      /^Say whether a reader may see stale data/,
    );
    expect(pushBackOnConsistency(value(parseConsistency('within 2 minutes')))).toBeUndefined();
    expect(pushBackOnConsistency(value(parseConsistency('strong')))).toBeUndefined();
  });

  it('refuses an empty answer', () => {
    expect(error(parseConsistency(''))).toContain('expected a consistency model');
  });
});

describe('parseDurability', () => {
  it('reads RPO 0 however it is written', () => {
    for (const text of [
      'RPO 0',
      'rpo: 0',
      'no acknowledged write may be lost',
      'zero data loss',
      'RPO zero',
    ]) {
      expect(value(parseDurability(text)).rpoSeconds, text).toBe(0);
    }
  });

  it('reads an RPO with a unit', () => {
    expect(value(parseDurability('RPO 5 minutes'))).toEqual({ text: 'RPO 5 minutes', rpoSeconds: 300 });
    expect(value(parseDurability('RPO of 1h, backups nightly')).rpoSeconds).toBe(3_600);
    expect(value(parseDurability('losing 30 s of events is fine')).rpoSeconds).toBe(30);
  });

  it('pushes back when no RPO can be read', () => {
    const durability = value(parseDurability('we take backups'));
    expect(durability).toEqual({ text: 'we take backups' });
    expect(pushBackOnDurability(durability)).toContain('State a recovery point objective');
    expect(pushBackOnDurability(value(parseDurability('RPO 0')))).toBeUndefined();
  });
});

describe('parseFreshness', () => {
  it('reads named periods', () => {
    expect(value(parseFreshness('real-time'))).toEqual({ text: 'real-time', seconds: 1, realtime: true });
    expect(value(parseFreshness('hourly'))).toEqual({ text: 'hourly', seconds: 3_600, realtime: false });
    expect(value(parseFreshness('daily')).seconds).toBe(86_400);
    expect(value(parseFreshness('nightly batch')).seconds).toBe(86_400);
    expect(value(parseFreshness('weekly')).seconds).toBe(604_800);
  });

  it('prefers an explicit duration to a named period', () => {
    expect(value(parseFreshness('6 hours'))).toEqual({ text: '6 hours', seconds: 21_600, realtime: false });
    expect(value(parseFreshness('under 100ms'))).toEqual({
      text: 'under 100ms',
      seconds: 0.1,
      realtime: true,
    });
    expect(value(parseFreshness('velocity within 1 minute; profile nightly')).seconds).toBe(60);
    expect(value(parseFreshness('every 2 weeks')).seconds).toBe(1_209_600);
  });

  it('refuses an answer with neither', () => {
    expect(error(parseFreshness('soon'))).toBe(
      'expected how fresh, e.g. "real-time", "under 100ms", "hourly", "daily" or "6 hours", got "soon"',
    );
  });
});

describe('isEvasive', () => {
  it('recognises answers that skip the question', () => {
    for (const text of ['n/a', 'TBD', "don't know", 'skip.', '???', '- none']) {
      expect(isEvasive(text), text).toBe(true);
    }
    expect(isEvasive('serve stale results from the cache')).toBe(false);
  });
});

describe('team size', () => {
  it('reads the number of engineers, and "not stated" as no answer', () => {
    expect(value(parseTeamSize('6 engineers'))).toEqual({ text: '6 engineers', engineers: 6 });
    expect(value(parseTeamSize('1,200 across 150 teams'))?.engineers).toBe(1_200);
    expect(value(parseTeamSize('not stated'))).toBeUndefined();
    expect(value(parseTeamSize('Unknown'))).toBeUndefined();
  });

  it('refuses no number, zero and more than 10,000 with what it expects', () => {
    for (const text of ['a few', '0', '20000 engineers'])
      expect(error(parseTeamSize(text))).toBe(
        `expected a number of engineers between 1 and 10,000, e.g. "6 engineers", or "not stated", got "${text}"`,
      );
  });
});

describe('model size', () => {
  it('reads bytes, or parameters at 2 bytes each (fp16) with the arithmetic shown', () => {
    expect(value(parseModelSize('200 MB gradient-boosted trees'))).toEqual({
      text: '200 MB gradient-boosted trees',
      bytes: 200e6,
    });
    expect(value(parseModelSize('1.5GB'))?.bytes).toBe(1.5e9);
    expect(value(parseModelSize('7B parameters'))).toEqual({
      text: '7B parameters',
      bytes: 14e9,
      derivation: '7,000,000,000 parameters x 2 bytes (fp16) = 14 GB',
    });
    expect(value(parseModelSize('not stated'))).toBeUndefined();
  });

  it('refuses an answer with no size', () => {
    expect(error(parseModelSize('big'))).toBe(
      'expected the model\'s size in memory, e.g. "200 MB" or "7B parameters", or "not stated", got "big"',
    );
    expect(error(parseModelSize('0 MB'))).toMatch(/^expected the model's size/);
  });
});

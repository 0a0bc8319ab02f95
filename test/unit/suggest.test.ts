import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from '../../src/lib/suggest.js';

const IDS = [
  'requirements.scale',
  'requirements.latency',
  'estimation.writes',
  'estimation.reads',
  'approval',
];
const KEYS = ['version', 'command', 'title', 'scope', 'answers', 'followups'];

describe('closest', () => {
  it('finds near misses: a dropped, swapped or extra letter', () => {
    expect(closest('requirements.latncy', IDS)).toBe('requirements.latency');
    expect(closest('estimation.wirtes', IDS)).toBe('estimation.writes');
    expect(closest('aproval', IDS)).toBe('approval');
    expect(closest('answer', KEYS)).toBe('answers');
    expect(closest('followup', KEYS)).toBe('followups');
  });

  it('ignores case', () => {
    expect(closest('TITLE', KEYS)).toBe('title');
    expect(closest('Estimation.Reads', IDS)).toBe('estimation.reads');
  });

  it('picks the nearest of several candidates, the first on a tie', () => {
    expect(closest('estimation.read', IDS)).toBe('estimation.reads');
    expect(closest('ab', ['ax', 'ay'])).toBe('ax');
  });

  it('returns undefined for far ones', () => {
    expect(closest('colour-of-the-bikeshed', IDS)).toBeUndefined();
    expect(closest('banana', KEYS)).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });

  it('allows two edits for short input and a third of the length for long input', () => {
    expect(closest('tl', ['title'])).toBeUndefined();
    expect(closest('ttle', ['title'])).toBe('title');
    expect(closest('scpe', ['scope'])).toBe('scope');
    // 18 characters allow 6 edits: this is 5 away; two more letters make it 7 away.
    expect(closest('requirements.xxxxx', ['requirements.scale'])).toBe('requirements.scale');
    expect(closest('requirements.xxxxxxx', ['requirements.scale'])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('phrases a suggestion, or nothing', () => {
    expect(didYouMean('scpoe', KEYS)).toBe(' (did you mean "scope"?)');
    expect(didYouMean('zzzzzzzz', KEYS)).toBe('');
  });
});

// The pure parts of issue 15's replay work: the cassette's canonical JSON and header, the state a
// draft is made from, and the readers' limit on figures.
import { describe, expect, it } from 'vitest';
import { canonicalJson, cassetteHeader } from '../../src/copilot/anthropic/cassette.js';
import { parseField, FIELD_BY_SNAKE } from '../../src/estimation/spec-fields.js';
import { estimateFromSpec } from '../../src/estimation/index.js';
import { loadCompiledKnowledge } from '../../src/knowledge/compiled.js';
import { engineTables } from '../../src/knowledge/engine-tables.js';
import { parseRate, parseSize } from '../../src/estimation/units.js';
import { initialState, recordAnswer, recordDraft, stateBefore } from '../../src/protocol/machine.js';
import { designProtocol } from '../../src/protocols/design/index.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('cassetteHeader', () => {
  const subject = {
    protocol: 'design@abc',
    settings: { model: 'm' },
    answers: { version: 1, title: 'T', answers: { 'estimation.writes': '1M/day' } },
  };
  it('digests the subject and each answer; the same subject gives the same header', () => {
    const header = cassetteHeader(subject);
    expect(header.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(header.answers ?? {})).toEqual(['version', 'title', 'answers.estimation.writes']);
    expect(cassetteHeader({ ...subject, answers: { ...subject.answers } })).toEqual(header);
  });
  it('changes with one answer, the model or the protocol', () => {
    const digest = cassetteHeader(subject).digest;
    const changed = { ...subject.answers, answers: { 'estimation.writes': '2M/day' } };
    expect(cassetteHeader({ ...subject, answers: changed }).digest).not.toBe(digest);
    expect(cassetteHeader({ ...subject, settings: { model: 'n' } }).digest).not.toBe(digest);
    expect(cassetteHeader({ ...subject, protocol: 'design@def' }).digest).not.toBe(digest);
  });
});

describe('stateBefore', () => {
  it('keeps only what the steps before the given one recorded', () => {
    let state = initialState(designProtocol, 'T', 'system');
    state = recordAnswer(state, 'requirements.functional', { raw: 'x', value: ['x'] });
    state = recordAnswer(state, 'operations.degradation', { raw: 'y', value: 'y' });
    state = recordDraft(state, 'operations.plan', { plan: true });
    const before = stateBefore(designProtocol, state, 'tradeoffs.records');
    expect(Object.keys(before.answers)).toEqual(['requirements.functional']);
    expect(before.drafts).toEqual({});
    expect(stateBefore(designProtocol, state, 'no.such.step')).toBe(state);
  });
});

describe('the readers refuse figures an estimate cannot hold', () => {
  it('refuses above 10^24 in base units and accepts up to it', () => {
    expect(parseRate(`1${'0'.repeat(308)}/s`).ok).toBe(false);
    expect(parseSize('999999999999999999999999 TB').ok).toBe(false);
    expect(parseRate('1000000000000000000000000/s').ok).toBe(true);
    const peak = FIELD_BY_SNAKE.get('peak_factor');
    if (!peak) throw new Error('no peak_factor field');
    expect(parseField(peak, '1e400')).toMatchObject({ ok: false });
  });
  it('the engine refuses a result that overflows, naming the largest input', () => {
    const result = estimateFromSpec(
      { writes: { perSecond: 1e300, perUser: false }, writeSize: 1e300, retention: 1e300 },
      engineTables(loadCompiledKnowledge()),
    );
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toMatch(/^(writes|write_size|retention): too large: /);
  });
});

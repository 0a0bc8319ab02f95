// The session runner as a whole: what it shows, in what order, as the step machine advances.
import { describe, expect, it } from 'vitest';
import type { RedFlag } from '../../src/rules/red-flags.js';
import type { SessionView } from '../../src/session/view.js';
import { finishedDesign, silent, type DesignOptions } from '../support/design-state.js';

type Event = readonly [kind: keyof SessionView, detail: string];

async function transcript(options: DesignOptions): Promise<Event[]> {
  const events: Event[] = [];
  const view: SessionView = {
    ...silent,
    phase: (label) => events.push(['phase', label]),
    pushBack: (text) => events.push(['pushBack', text]),
    detail: (text) => events.push(['detail', text]),
    redFlag: (flag: RedFlag) => events.push(['redFlag', flag.id]),
  };
  await finishedDesign({ ...options, view });
  return events;
}

describe('session runner', () => {
  it('walks the six phases in order, announcing each once', async () => {
    const phases = (await transcript({})).filter(([kind]) => kind === 'phase').map(([, label]) => label);
    expect(phases).toEqual([
      'Phase 1/6 · Requirements',
      'Phase 2/6 · Estimation',
      'Phase 3/6 · High-level design',
      'Phase 4/6 · Deep-dive',
      'Phase 5/6 · Tradeoffs',
      'Phase 6/6 · Operations',
    ]);
  });

  it('shows a red flag when the answer that raises it is accepted, after the push-back, once', async () => {
    const events = await transcript({ scope: 'ml', answers: { 'requirements.problem': 'skip' } });
    const pushBack = events.findIndex(
      ([kind, text]) => kind === 'pushBack' && text.includes('does not frame a problem'),
    );
    const flags = events.filter(([kind]) => kind === 'redFlag');
    expect(pushBack).toBeGreaterThanOrEqual(0);
    expect(flags).toEqual([['redFlag', 'ml-without-problem-framing']]);
    expect(events.indexOf(flags[0] as Event)).toBeGreaterThan(pushBack);
  });

  it('shows no red flag for a framed ML design', async () => {
    const events = await transcript({ scope: 'ml' });
    expect(events.filter(([kind]) => kind === 'redFlag')).toEqual([]);
  });

  it('shows the detail for C, then takes the followup as the decision', async () => {
    const events = await transcript({
      answers: { 'high-level.cache': 'C' },
      followups: { 'high-level.cache': 'B' },
    });
    expect(events.filter(([kind]) => kind === 'detail')).toHaveLength(1);
    const state = await finishedDesign({
      answers: { 'high-level.cache': 'C' },
      followups: { 'high-level.cache': 'B' },
    });
    expect(state.decisions['high-level.cache']?.choice).toBe('B');
    expect(state.decisions['high-level.cache']?.detailShown).toBe(true);
  });

  it('replaces a vague answer with its followup after the push-back, without recording the push-back', async () => {
    const state = await finishedDesign({
      answers: { 'requirements.scale': 'lots of users' },
      followups: { 'requirements.scale': '500K notes a day' },
    });
    expect(state.answers['requirements.scale']?.raw).toBe('500K notes a day');
    expect(state.answers['requirements.scale']?.pushBack).toBeUndefined();
  });
});

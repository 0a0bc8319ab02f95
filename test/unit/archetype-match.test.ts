/**
 * The cue matcher skips a pattern's regular expression when a text lacks every word the pattern
 * requires. That shortcut must never change an answer: over a corpus of real texts (the catalogue's
 * own prose, every example's requirements, every interview prompt), each cue pattern finds exactly
 * what its bare regular expression finds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hit } from '../../src/protocols/design/archetype-match.js';
import { bundledKnowledge } from '../support/design-state.js';

const knowledge = bundledKnowledge();
const catalogue = knowledge.archetypes;

function corpus(): string[] {
  const texts: string[] = [];
  for (const archetype of catalogue) {
    texts.push(archetype.title, archetype.summary);
    for (const component of archetype.components) texts.push(component.name, component.role);
    for (const problem of archetype.hard_problems)
      texts.push(problem.title, problem.why, ...problem.approach);
  }
  for (const name of readdirSync('examples').filter((file) => file.endsWith('.yaml'))) {
    const file = parse(readFileSync(`examples/${name}`, 'utf8')) as {
      title?: string;
      answers?: Record<string, unknown>;
    };
    if (file.title) texts.push(file.title);
    const functional = file.answers?.['requirements.functional'];
    if (Array.isArray(functional)) texts.push(...functional.map(String));
  }
  for (const problem of knowledge.problems) texts.push(problem.title, problem.prompt);
  return texts;
}

describe('the cue matcher', () => {
  const texts = corpus();
  const patterns = catalogue.flatMap((archetype) => [
    ...archetype.cues.title,
    ...archetype.cues.functional,
    ...archetype.cues.against,
  ]);

  it('finds what each bare regular expression finds, over the corpus', () => {
    expect(texts.length).toBeGreaterThan(300);
    let found = 0;
    for (const source of patterns) {
      const bare = new RegExp(String.raw`(?<![\w-])(?:${source})(?![\w-])`, 'i');
      for (const text of texts) {
        const expected = bare.exec(text)?.[0];
        expect(hit(source, [text]), `${source} on "${text.slice(0, 60)}"`).toBe(expected);
        if (expected !== undefined) found += 1;
      }
    }
    // The corpus exercises the patterns: a shortcut that skipped everything would fail above.
    expect(found).toBeGreaterThan(100);
  });
});

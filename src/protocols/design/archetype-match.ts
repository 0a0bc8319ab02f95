/**
 * Which archetypes a problem statement suggests: the cues of each archetype (words in the title and
 * in the functional requirements) are matched on word boundaries; a title cue weighs more than a
 * requirement cue, and an `against` cue (a "message queue" is not a messenger) counts against it.
 * The result says which words matched, so the proposal can show its reasoning.
 */
import type { Archetype } from '../../knowledge/archetypes.js';

export interface ArchetypeMatch {
  readonly id: string;
  readonly score: number;
  /** The words that matched, as written in the answers. */
  readonly cues: readonly string[];
}

const TITLE_WEIGHT = 3;
const FUNCTIONAL_WEIGHT = 1;
const AGAINST_WEIGHT = 4;
/** Below this an archetype is not suggested: one requirement word alone is not a system. */
export const MATCH_THRESHOLD = 2;

const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let found = compiled.get(source);
  if (!found) {
    found = new RegExp(String.raw`(?<![\w-])(?:${source})(?![\w-])`, 'i');
    compiled.set(source, found);
  }
  return found;
}

/**
 * Words one of which a text must contain for the pattern to match it, when they can be read off the
 * pattern: for each top-level alternative, its longest run of letters outside groups and not made
 * optional by a quantifier. Running a regular expression costs a compile; a substring test does
 * not, and most cues of most archetypes are absent from a problem statement.
 */
function requiredWords(source: string): readonly string[] | undefined {
  const alternatives: string[] = [];
  let depth = 0;
  let current = '';
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index] ?? '';
    if (char === '\\') {
      current += char + (source[index + 1] ?? '');
      index += 1;
      continue;
    }
    if (char === '(' || char === '[') depth += 1;
    if (char === ')' || char === ']') depth -= 1;
    if (char === '|' && depth === 0) {
      alternatives.push(current);
      current = '';
    } else current += char;
  }
  alternatives.push(current);
  const words: string[] = [];
  for (const alternative of alternatives) {
    let best = '';
    for (const match of alternative.matchAll(/(?<![\\([])[a-z][a-z ]{2,}/g)) {
      const end = match.index + match[0].length;
      const next = alternative[end] ?? '';
      // A quantifier after the run makes its last letter optional; a group before it may hold anything.
      const run = /[?*{]/.test(next) ? match[0].slice(0, -1) : match[0];
      if (insideGroup(alternative, match.index)) continue;
      if (run.trim().length > best.trim().length) best = run;
    }
    if (best.trim().length < 3) return undefined;
    words.push(best.trim());
  }
  return words;
}

function insideGroup(text: string, at: number): boolean {
  let depth = 0;
  for (let index = 0; index < at; index += 1) {
    const char = text[index];
    if (char === '\\') index += 1;
    else if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') depth -= 1;
  }
  return depth > 0;
}

const required = new Map<string, readonly string[] | undefined>();

/**
 * The text a pattern matched on word boundaries in any of the texts, or undefined (the self-check
 * reads the components' `serves` phrasings with it too).
 */
export function hit(source: string, texts: readonly string[]): string | undefined {
  if (!required.has(source)) required.set(source, requiredWords(source));
  const words = required.get(source);
  for (const text of texts) {
    if (words && !words.some((word) => text.toLowerCase().includes(word))) continue;
    const match = regex(source).exec(text);
    if (match) return match[0];
  }
  return undefined;
}

type Cues = Pick<Archetype, 'id' | 'cues'>;

export function matchArchetype(
  archetype: Cues,
  title: string,
  functional: readonly string[],
): ArchetypeMatch {
  const cues: string[] = [];
  let score = 0;
  for (const source of archetype.cues.title) {
    const word = hit(source, [title]);
    if (word !== undefined) {
      score += TITLE_WEIGHT;
      cues.push(word);
    }
  }
  for (const source of archetype.cues.functional) {
    const word = hit(source, functional);
    if (word !== undefined) {
      score += FUNCTIONAL_WEIGHT;
      cues.push(word);
    }
  }
  for (const source of archetype.cues.against)
    if (hit(source, [title, ...functional]) !== undefined) score -= AGAINST_WEIGHT;
  return { id: archetype.id, score, cues: [...new Set(cues.map((c) => c.toLowerCase()))] };
}

/** Every archetype at or above the threshold, best first (ties in catalogue order). */
export function matchArchetypes(
  catalogue: readonly Cues[],
  title: string,
  functional: readonly string[],
): ArchetypeMatch[] {
  return catalogue
    .map((archetype) => matchArchetype(archetype, title, functional))
    .filter((match) => match.score >= MATCH_THRESHOLD)
    .sort((a, b) => b.score - a.score);
}

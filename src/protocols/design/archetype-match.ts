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

/** The text a pattern matched in any of the texts, or undefined. */
function hit(source: string, texts: readonly string[]): string | undefined {
  for (const text of texts) {
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

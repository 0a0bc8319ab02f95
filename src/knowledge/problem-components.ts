/**
 * The components an interview problem expects, taken from its archetypes: the core components each
 * archetype names in `core:` (a messenger's datastore is its message store) and its own components,
 * in that order, plus the problem's extras, minus its skips. One source of component knowledge: the
 * words a candidate uses for a component live in the archetype, which the design co-pilot reads too.
 */
import { fail, ok, type Result } from '../lib/result.js';
import type { Archetype } from './archetypes.js';

export interface ProblemComponent {
  readonly id: string;
  readonly name: string;
  readonly keywords: readonly string[];
}

export interface ComponentSource {
  readonly archetype?: string | undefined;
  readonly archetypes?: readonly string[] | undefined;
  /** Components that exist in one serving mode only come with this one (as in a design). */
  readonly serving: 'online' | 'batch';
  readonly extra: readonly ProblemComponent[];
  readonly skip: readonly string[];
  /** The problem's own list, when no archetype fits it. */
  readonly own?: readonly ProblemComponent[] | undefined;
}

export interface ResolvedComponents {
  readonly archetypes: readonly string[];
  readonly components: readonly ProblemComponent[];
}

/** The minimum a problem expects, so the high-level share (40%, 60%, 80%) means something. */
const MINIMUM = 4;

/** An archetype's components as a problem expects them: core first, then its own. */
export function archetypeComponents(archetype: Archetype, serving: 'online' | 'batch'): ProblemComponent[] {
  const core = Object.entries(archetype.core).map(([id, component]) => ({
    id,
    name: component.name,
    keywords: component.keywords,
  }));
  const own = archetype.components
    .filter((component) => component.serving === undefined || component.serving === serving)
    .map(({ id, name, keywords }) => ({ id, name, keywords }));
  return [...core, ...own];
}

/**
 * A component two composed archetypes share (`app`, a model registry) is expected once, under the
 * first archetype's name, and a candidate is credited for the words of either.
 */
function merge(lists: readonly ProblemComponent[][]): ProblemComponent[] {
  const merged = new Map<string, ProblemComponent>();
  for (const component of lists.flat()) {
    const seen = merged.get(component.id);
    merged.set(
      component.id,
      seen ? { ...seen, keywords: [...new Set([...seen.keywords, ...component.keywords])] } : component,
    );
  }
  return [...merged.values()];
}

/** Resolves a problem's components; an error names the key that is wrong and what was expected. */
export function resolveComponents(
  source: ComponentSource,
  catalogue: readonly Archetype[],
): Result<ResolvedComponents> {
  if (source.archetype !== undefined && source.archetypes !== undefined)
    return fail('archetype: give archetype or archetypes, not both');
  const ids = source.archetypes ?? (source.archetype === undefined ? [] : [source.archetype]);
  const key = source.archetypes === undefined ? 'archetype' : 'archetypes';
  if (ids.length === 0) {
    if (source.own === undefined)
      return fail(
        'archetype: expected the id of an archetype (references/archetypes/), or a components list',
      );
    if (source.extra.length > 0 || source.skip.length > 0)
      return fail(
        `${source.extra.length > 0 ? 'components_extra' : 'components_skip'}: only a problem with an archetype adds or skips components`,
      );
    return checked({ archetypes: [], components: source.own });
  }
  if (source.own !== undefined)
    return fail(
      `components: the list comes from ${key} ${ids.join(', ')}; use components_extra or components_skip`,
    );
  const found: Archetype[] = [];
  for (const [index, id] of ids.entries()) {
    const archetype = catalogue.find((candidate) => candidate.id === id);
    if (!archetype)
      return fail(
        `${key}${source.archetypes === undefined ? '' : `[${String(index)}]`}: unknown archetype "${id}"; expected one of ${catalogue.map((a) => a.id).join(', ')}`,
      );
    found.push(archetype);
  }
  const inherited = merge(found.map((archetype) => archetypeComponents(archetype, source.serving)));
  const from = `${key} ${ids.join(', ')}`;
  const unknownSkip = source.skip.find((id) => !inherited.some((component) => component.id === id));
  if (unknownSkip !== undefined)
    return fail(`components_skip: "${unknownSkip}" names no component of ${from}`);
  const clash = source.extra.find((extra) => inherited.some((component) => component.id === extra.id));
  if (clash) return fail(`components_extra: "${clash.id}" is already a component of ${from}`);
  return checked({
    archetypes: ids,
    components: [...inherited.filter((component) => !source.skip.includes(component.id)), ...source.extra],
  });
}

function checked(resolved: ResolvedComponents): Result<ResolvedComponents> {
  const ids = resolved.components.map((component) => component.id);
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  if (twice !== undefined) return fail(`components: "${twice}" is listed twice`);
  if (ids.length < MINIMUM)
    return fail(`components: expected at least ${String(MINIMUM)} components, got ${String(ids.length)}`);
  return ok(resolved);
}

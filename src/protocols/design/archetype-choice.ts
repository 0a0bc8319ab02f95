/**
 * The archetypes a design is composed from: the ones the archetype decision picked, in the order
 * picked, and for an ML design that picked none of the ML archetypes, the one its serving mode
 * implies (online inference or batch scoring), so an ML system always has its ML components.
 */
import type { Archetype } from '../../knowledge/archetypes.js';
import type { SessionState } from '../../protocol/types.js';
import { designDecisions, type DesignDecisions } from './model.js';

export const ARCHETYPE_SLOT = 'high-level.archetype';

export interface ArchetypeChoice {
  readonly archetypes: readonly Archetype[];
  /** The archetype added because the design is ML and none was picked, and why. */
  readonly implied?: { readonly id: string; readonly reason: string };
}

export function chosenArchetypes(state: SessionState, catalogue: readonly Archetype[]): ArchetypeChoice {
  const picked = state.decisions[ARCHETYPE_SLOT]?.items ?? [];
  const archetypes = picked.flatMap((id) => catalogue.filter((archetype) => archetype.id === id));
  if (state.scope === 'system' || archetypes.some((archetype) => archetype.kind === 'ml'))
    return { archetypes };
  const batch = designDecisions(state).serving === 'batch';
  const id = batch ? 'batch-scoring' : 'online-inference';
  const implied = catalogue.find((archetype) => archetype.id === id);
  if (!implied) return { archetypes };
  return {
    archetypes: [...archetypes, implied],
    implied: {
      id,
      reason: `the scope is ML and no ML archetype was picked, so the ${batch ? 'batch' : 'online'} serving decision brings ${implied.title}`,
    },
  };
}

/**
 * Whether an archetype's component belongs in this design: components tied to a serving mode or a
 * feature pipeline appear only when that decision took their value.
 */
export function componentApplies(
  component: Pick<Archetype['components'][number], 'serving' | 'features'>,
  decided: Pick<DesignDecisions, 'serving' | 'features'>,
): boolean {
  const serving = decided.serving === 'batch' ? 'batch' : 'online';
  const features = decided.features === 'streaming' ? 'streaming' : 'batch';
  return (
    (component.serving === undefined || component.serving === serving) &&
    (component.features === undefined || component.features === features)
  );
}

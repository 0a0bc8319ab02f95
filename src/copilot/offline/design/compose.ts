/**
 * What the archetypes add to a design: their own components with texts filled from the engine's
 * numbers, their flows to the core, and the names and roles they give the core components (a
 * messenger's datastore is its message store). Components that exist in one serving mode only
 * appear when the serving decision took it; a component two composed archetypes share appears once.
 */
import type { Archetype } from '../../../knowledge/archetypes.js';
import type { Component, DesignDecisions, Flow } from '../../../protocols/design/model.js';
import { fillText } from '../../../protocols/design/fill.js';
import { componentApplies } from '../../../protocols/design/archetype-choice.js';
import type { Quantities } from '../../../protocols/design/quantities.js';
import type { TierPlan } from '../../../protocols/design/tier-plan.js';

/** Where the archetypes' flows to `app` land when the application is split into services. */
export interface CoreIds {
  readonly app: string;
  readonly reader: string;
}

export function archetypeComponents(
  archetypes: readonly Archetype[],
  decided: DesignDecisions,
  quantities: Quantities,
  plan: TierPlan,
  ids: CoreIds,
): { components: Component[]; flows: Flow[] } {
  const components: Component[] = [];
  const flows: Flow[] = [];
  const core = (id: string): string => (id === 'app' ? ids.app : id);
  for (const archetype of archetypes)
    for (const own of archetype.components) {
      if (!componentApplies(own, decided)) continue;
      if (components.some((component) => component.id === own.id)) continue;
      const fill = (text: string): string => fillText(text, quantities, plan);
      components.push({
        id: own.id,
        name: own.name,
        type: own.type,
        purpose: fill(own.role),
        api: own.api,
        data: fill(own.data),
        failureMode: fill(own.failure),
      });
      for (const f of own.flows)
        flows.push(
          'to' in f
            ? { from: own.id, to: core(f.to), label: f.label }
            : { from: core(f.from), to: own.id, label: f.label },
        );
    }
  return { components, flows };
}

/**
 * The core component as this system knows it: the first composed archetype that names it gives its
 * name, and its role leads the purpose (the engine's sizing sentence of the core stays after it).
 */
export function coreOverride(
  archetypes: readonly Archetype[],
  quantities: Quantities,
  plan: TierPlan,
  /** A component whose name is the user's own words (a custom datastore) keeps it. */
  keepName: (component: Component) => boolean,
): (component: Component) => Component {
  return (component) => {
    const own = archetypes
      .map((archetype) => archetype.core[component.id as keyof Archetype['core']])
      .find(Boolean);
    if (!own) return component;
    const role = own.role === undefined ? undefined : fillText(own.role, quantities, plan);
    return {
      ...component,
      name: keepName(component) ? component.name : own.name,
      purpose: role === undefined ? component.purpose : `${role} ${component.purpose}`,
    };
  };
}

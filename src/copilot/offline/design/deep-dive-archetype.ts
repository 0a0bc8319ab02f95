/**
 * A deep-dive about this system: the composed archetype's hard problem for the component (its real
 * data model and keys, the algorithm, the numbers, failure handling, the interface), with texts
 * filled from the engine, and a scaling table from the tier plan at 10x and 100x.
 */
import type { Archetype, HardProblem } from '../../../knowledge/archetypes.js';
import { formatRate } from '../../../estimation/index.js';
import type { SessionState } from '../../../protocol/types.js';
import { chosenArchetypes } from '../../../protocols/design/archetype-choice.js';
import { fillText } from '../../../protocols/design/fill.js';
import {
  designAnswers,
  designDecisions,
  designResults,
  type Component,
  type DeepDive,
} from '../../../protocols/design/model.js';
import { quantitiesOf } from '../../../protocols/design/quantities.js';
import { metricValue } from '../../../protocols/design/sizing.js';
import { planTiers, type TierTables } from '../../../protocols/design/tier-plan.js';

/**
 * The hard problems of the composed archetypes by the id of the component they are about, first
 * archetype first; a problem about the core `app` lands on the read or the write service, as it
 * says, when the design splits them.
 */
export function hardProblems(
  state: SessionState,
  catalogue: readonly Archetype[],
): Map<string, HardProblem[]> {
  const split = designDecisions(state).architecture === 'microservices';
  const problems = new Map<string, HardProblem[]>();
  for (const archetype of chosenArchetypes(state, catalogue).archetypes)
    for (const problem of archetype.hard_problems) {
      const id =
        problem.component !== 'app' || !split
          ? problem.component
          : problem.path === 'read'
            ? 'read-service'
            : 'write-service';
      problems.set(id, [...(problems.get(id) ?? []), problem]);
    }
  return problems;
}

export function archetypeDeepDive(
  component: Component,
  problem: HardProblem,
  state: SessionState,
  knowledge: { readonly archetypes: readonly Archetype[]; readonly tables: TierTables },
  why: string,
  names: ReadonlyMap<string, string>,
): DeepDive {
  const estimate = designResults(state).estimate;
  if (!estimate) throw new Error('a deep-dive needs the estimate');
  const { archetypes } = chosenArchetypes(state, knowledge.archetypes);
  const quantities = quantitiesOf(estimate, designAnswers(state), archetypes);
  const plan = planTiers(state, knowledge.archetypes, knowledge.tables);
  const fill = (text: string): string => fillText(text, quantities, plan);
  const scaling = [10, 100].map((factor) => {
    const scaled = planTiers(state, knowledge.archetypes, knowledge.tables, factor);
    const own = scaled.get(component.id);
    const others = scaled.tiers.filter((tier) => tier.component !== component.id).slice(0, 3);
    const peak = metricValue(estimate, 'peak_qps') * factor;
    return {
      factor,
      numbers: `${formatRate(peak)} peak${own ? `; ${component.name}: ${own.tier.result}` : ''}`,
      plan: [
        own ? `${component.name}: ${own.tier.calculation}.` : '',
        others.length > 0
          ? `Beside it: ${others.map((tier) => `${names.get(tier.component) ?? tier.component} ${tier.tier.result}`).join(', ')}.`
          : '',
      ]
        .filter(Boolean)
        .join(' '),
    };
  });
  return {
    componentId: component.id,
    title: `${component.name}: ${problem.title}`,
    why: `Chosen because ${why}. ${fill(problem.why)}`,
    dataModel: problem.data_model.map(fill),
    approach: [...problem.approach.map(fill), ...problem.numbers.map(fill)],
    scaling,
    failureHandling: problem.failure.map(fill),
    interface: problem.interface.map(fill),
  };
}

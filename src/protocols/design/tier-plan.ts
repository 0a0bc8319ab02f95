/**
 * The tier plan: every component the design holds, sized by the engine at 1x (or at a multiple for
 * the growth tables) and priced from the dated tables. Core components are sized by the decisions
 * (the application fleet, the datastore as decided, the cache, the write log); an archetype's own
 * components by the rule its catalogue entry names, with inputs that are products of the engine's
 * quantities and the archetype's stated parameters. Pure: the state and the tables in, numbers out.
 */
import {
  estimate as estimateOf,
  scaleInput,
  type CostLine,
  type Estimate,
  type TierSize,
} from '../../estimation/index.js';
import type { Archetype, ArchetypeComponent } from '../../knowledge/archetypes.js';
import { CUSTOM, type SessionState } from '../../protocol/types.js';
import { chosenArchetypes, componentApplies } from './archetype-choice.js';
import { SIZING_RULES, type SizingRule } from './archetype-vocabulary.js';
import { designAnswers, designDecisions, designResults } from './model.js';
import { productOf, quantitiesOf, type InputValue, type Quantities } from './quantities.js';
import { cachedHotSet, payloadPlacement } from './sizing.js';
import { sizeByRule, type TierTables } from './tier-rules.js';

export type { TierTables } from './tier-rules.js';

/** When a cost line is billed (see cost.ts). */
export type Basis = 'monthly' | 'first-month' | 'at-retention';

export interface TierCost {
  readonly item: string;
  readonly basis: Basis;
  readonly line: CostLine;
}

export interface SizedTier {
  readonly component: string;
  readonly rule: SizingRule;
  /** The units at this multiple, with the calculation. */
  readonly tier: TierSize;
  /** The rule's inputs as computed ("50M users x 30% x 1.5 = 22.5M"). */
  readonly inputs: Readonly<Record<string, InputValue>>;
  /** Intermediate figures worth showing (model weights, KV cache, partitions, index bytes). */
  readonly figures: readonly { readonly label: string; readonly calculation: string }[];
  readonly cost: readonly TierCost[];
}

export interface TierPlan {
  readonly factor: number;
  readonly tiers: readonly SizedTier[];
  readonly get: (component: string) => SizedTier | undefined;
}

function scaled(estimate: Estimate, factor: number): Estimate {
  if (factor === 1) return estimate;
  const result = estimateOf(scaleInput(estimate.input, factor));
  if (!result.ok) throw new Error(`scaling the estimate by ${factor} failed: ${result.error}`);
  return result.value;
}

function inputsOf(component: ArchetypeComponent, quantities: Quantities): Record<string, InputValue> {
  const rule = SIZING_RULES[component.sizing.rule] as Record<string, readonly string[] | null>;
  const inputs: Record<string, InputValue> = {};
  for (const [name, fallback] of Object.entries(rule)) {
    const factors = component.sizing.inputs[name] ?? fallback;
    if (factors) inputs[name] = productOf(factors, quantities);
  }
  return inputs;
}

/** Sizes every component of the design that can be sized from the state (core and archetype). */
export function planTiers(
  state: SessionState,
  catalogue: readonly Archetype[],
  tables: TierTables,
  factor = 1,
): TierPlan {
  const base = designResults(state).estimate;
  if (!base) throw new Error('the tier plan needs the estimate');
  const estimate = scaled(base, factor);
  const answers = designAnswers(state);
  const decided = designDecisions(state);
  const { archetypes } = chosenArchetypes(state, catalogue);
  const quantities = quantitiesOf(estimate, answers, archetypes);
  const tiers: SizedTier[] = [];
  const push = (component: string, rule: SizingRule, inputs: Record<string, InputValue>): void => {
    const sized = sizeByRule(rule, inputs, { estimate, answers, decided, tables, component });
    if (sized) tiers.push({ component, rule, inputs, ...sized });
  };
  const q = (factors: readonly (string | number)[]): InputValue => productOf(factors, quantities);

  const microservices = decided.architecture === 'microservices';
  if (microservices) {
    push('write-service', 'app-instances', { requests: q(['peak_writes']) });
    push('read-service', 'app-instances', { requests: q(['peak_reads']) });
  } else push('app', 'app-instances', { requests: q(['peak_qps']) });
  if (decided.datastore !== undefined && decided.datastore !== CUSTOM) push('datastore', 'datastore', {});
  if (decided.cache === 'cache-aside' || decided.cache === 'write-through')
    push('cache', 'cache', {
      // Records or whole responses is decided at 1x and kept at every multiple.
      bytes: cachedHotSet(base).records
        ? q(['cache_memory', estimate.input.writeSizeBytes / estimate.input.readSizeBytes])
        : q(['cache_memory']),
    });
  if (decided.writePath === 'stream')
    push('queue', 'stream', { messages: q(['peak_writes']), bytes_per_message: q(['write_size']) });
  if (decided.writePath === 'queue') push('queue', 'queue', { messages: q(['peak_writes']) });
  if (decided.writePath === 'queue' || decided.writePath === 'stream')
    push('workers', 'workers', {
      messages: q(['peak_writes']),
      per_worker: q([tables.capacity.appServerRequestsPerSecond]),
    });
  if (payloadPlacement(estimate, tables.capacity).blobs)
    push('blob-store', 'object-storage', { bytes: q(['data_per_copy']) });

  for (const archetype of archetypes)
    for (const component of archetype.components) {
      if (!componentApplies(component, decided)) continue;
      if (tiers.some((tier) => tier.component === component.id)) continue;
      push(component.id, component.sizing.rule, inputsOf(component, quantities));
    }
  if (decided.features === 'streaming' && !tiers.some((tier) => tier.component === 'stream-processor'))
    push('stream-processor', 'workers', {
      messages: q(['peak_writes']),
      per_worker: q([tables.capacity.logPartitionEventsPerSecond]),
    });
  return { factor, tiers, get: (component) => tiers.find((tier) => tier.component === component) };
}

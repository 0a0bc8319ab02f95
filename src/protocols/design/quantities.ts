/**
 * The numbers an archetype's texts and sizing inputs may name, computed from the estimate, the
 * answers and the composed archetypes' parameters. A text's {placeholders} are filled from here and
 * nowhere else, so every number in a composed design comes from the engine; a sizing input is a
 * product of these, shown with its calculation ("50M users x 30% x 1.5 = 22.5M").
 */
import {
  formatBytes,
  formatCompact,
  formatDuration,
  formatPercent,
  formatRate,
  type Estimate,
} from '../../estimation/index.js';
import type { Archetype } from '../../knowledge/archetypes.js';
import {
  BASE_QUANTITIES,
  PARAMETER_UNITS,
  SIZING_RULES,
  type BaseQuantity,
  type QuantityKind,
} from './archetype-vocabulary.js';
import type { DesignAnswers } from './model.js';
import { metricValue } from './sizing.js';

export interface Quantity {
  readonly value: number;
  readonly kind: QuantityKind;
  /** How it reads in a calculation ("50M users", "30% share of daily users connected"). */
  readonly label: string;
}

export interface Quantities {
  /** A base quantity or a parameter; undefined when neither has that name. */
  readonly get: (name: string) => Quantity | undefined;
  readonly text: { readonly key: string };
  /**
   * A sizing input of a composed archetype's component, as the engine computes it for the plan; it
   * is computed from the archetype's spec, so a text may quote it even when the component is left
   * out of this design (a serving mode not taken).
   */
  readonly input: (component: string, name: string) => InputValue | undefined;
  /** The parameters of the composed archetypes, first archetype first, each once. */
  readonly parameters: readonly (Archetype['parameters'][number] & { readonly archetype: string })[];
}

const BASE_LABELS: Readonly<Record<Exclude<BaseQuantity, 'key'>, string>> = {
  peak_qps: 'peak requests',
  peak_writes: 'peak writes',
  peak_reads: 'peak reads',
  avg_writes: 'average writes',
  avg_reads: 'average reads',
  users: 'daily users',
  writes_per_day: 'writes a day',
  write_size: 'per write',
  read_size: 'per read',
  storage_per_day: 'a day',
  storage_total: 'over the retention period, all copies',
  data_per_copy: 'one copy over the retention period',
  cache_memory: 'hot set',
  retention: 'retention',
  p99: 'P99 target',
  peak_factor: 'peak factor',
};

export function formatQuantity(value: number, kind: QuantityKind): string {
  switch (kind) {
    case 'rate':
      return formatRate(value);
    case 'bytes':
      return formatBytes(value);
    case 'seconds':
      return formatDuration(value);
    case 'fraction':
      return formatPercent(value);
    case 'count':
    case 'text':
      return formatCompact(value);
  }
}

export function quantitiesOf(
  estimate: Estimate,
  answers: DesignAnswers,
  archetypes: readonly Archetype[],
): Quantities {
  const metric = (id: Parameters<typeof metricValue>[1]): number => metricValue(estimate, id);
  const input = estimate.input;
  const base: Readonly<Record<Exclude<BaseQuantity, 'key'>, number>> = {
    peak_qps: metric('peak_qps'),
    peak_writes: metric('peak_write_qps'),
    peak_reads: metric('peak_read_qps'),
    avg_writes: metric('write_qps'),
    avg_reads: metric('read_qps'),
    users: input.dailyActiveUsers ?? answers.users ?? 0,
    writes_per_day: metric('write_qps') * 86_400,
    write_size: input.writeSizeBytes,
    read_size: input.readSizeBytes,
    storage_per_day: metric('storage_per_day'),
    storage_total: metric('storage_total'),
    data_per_copy: metric('storage_total') / input.replication,
    cache_memory: metric('cache_memory'),
    retention: input.retentionSeconds,
    p99: answers.latency?.p99 ?? 0,
    peak_factor: input.peakFactor,
  };
  const parameters: Quantities['parameters'][number][] = [];
  for (const archetype of archetypes)
    for (const parameter of archetype.parameters)
      if (!parameters.some((p) => p.id === parameter.id))
        parameters.push({ ...parameter, archetype: archetype.id });
  const quantities: Quantities = {
    get: (name) => {
      if (name in base) {
        const id = name as keyof typeof base;
        return { value: base[id], kind: BASE_QUANTITIES[id], label: BASE_LABELS[id] };
      }
      const parameter = parameters.find((p) => p.id === name);
      return parameter
        ? { value: parameter.value, kind: PARAMETER_UNITS[parameter.unit], label: parameter.label }
        : undefined;
    },
    text: { key: answers.partitionKey ?? 'id' },
    parameters,
    input: (component, name) => {
      const spec = archetypes.flatMap((archetype) => archetype.components).find((c) => c.id === component);
      if (!spec) return undefined;
      const rule = SIZING_RULES[spec.sizing.rule] as Record<string, readonly string[] | null>;
      const factors = spec.sizing.inputs[name] ?? rule[name];
      return factors ? productOf(factors, quantities) : undefined;
    },
  };
  return quantities;
}

/** A sizing input: the product of its factors, with the calculation that shows it. */
export interface InputValue {
  readonly value: number;
  readonly calculation: string;
  /** How it reads: the kind of its one rate, size or duration factor, else a count. */
  readonly kind: QuantityKind;
}

export function productOf(factors: readonly (string | number)[], quantities: Quantities): InputValue {
  let value = 1;
  let kind: QuantityKind = 'count';
  const shown: string[] = [];
  for (const factor of factors) {
    if (typeof factor === 'number') {
      value *= factor;
      shown.push(formatCompact(factor));
      continue;
    }
    const quantity = quantities.get(factor);
    if (!quantity) throw new Error(`the quantity ${factor} is not computed`);
    value *= quantity.value;
    if (
      kind === 'count' &&
      (quantity.kind === 'rate' || quantity.kind === 'bytes' || quantity.kind === 'seconds')
    )
      kind = quantity.kind;
    shown.push(`${formatQuantity(quantity.value, quantity.kind)} ${quantity.label}`);
  }
  const calculation =
    shown.length > 1 ? `${shown.join(' x ')} = ${formatQuantity(value, kind)}` : (shown[0] ?? '');
  return { value, calculation, kind };
}

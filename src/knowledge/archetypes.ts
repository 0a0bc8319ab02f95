/**
 * The catalogue of system archetypes (references/archetypes/*.yaml), validated with zod at build
 * time and compiled into the knowledge JSON. An archetype is what a senior engineer recognises in a
 * problem statement ("this is a messenger: connections, per-conversation ordering, offline
 * delivery"): the cues that suggest it, its components with the engine rule that sizes each, its
 * flows, its hard problems with their deep-dive content, its tradeoffs and red flags, with dated
 * sources for its figures.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../lib/result.js';
import { COMPONENT_TYPES } from '../protocols/design/model.js';
import {
  BASE_QUANTITIES,
  PARAMETER_UNITS,
  SERVING_MODES,
  SIZING_RULES,
  SIZING_RULE_IDS,
} from '../protocols/design/archetype-vocabulary.js';
import { isoDate, parseYamlData } from './yaml-data.js';

const id = z.string().regex(/^[a-z][a-z0-9-]*$/);
const snake = z.string().regex(/^[a-z][a-z0-9_]*$/);
const text = z.string().trim().min(1);
/** A case-insensitive regular expression source, matched on word boundaries by the matcher. */
const pattern = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a valid regular expression' },
);
/** A product of factors: numbers, base quantities or the archetype's parameters. */
const product = z.array(z.union([z.number().positive(), snake])).min(1);

/** Components every design composes around; an archetype's flows may name them. */
export const CORE_COMPONENT_IDS = [
  'client',
  'gateway',
  'app',
  'datastore',
  'cache',
  'queue',
  'workers',
  'blob-store',
] as const;

const componentSchema = z.strictObject({
  id,
  name: text,
  type: z.enum(COMPONENT_TYPES),
  role: text,
  api: text,
  data: text,
  failure: text,
  sizing: z.strictObject({
    rule: z.enum(SIZING_RULE_IDS),
    inputs: z.record(snake, product).default({}),
  }),
  /** Phrasings of functional requirements this component serves. */
  serves: z.array(pattern).default([]),
  /** Flows from (`to`) or into (`from`) this component. */
  flows: z
    .array(z.union([z.strictObject({ to: id, label: text }), z.strictObject({ from: id, label: text })]))
    .min(1),
  /** What a candidate says when they mean this component (the interview bank scores with these). */
  keywords: z.array(z.string().trim().toLowerCase().min(2)).min(2),
  /** Present only when the serving decision took this value (online inference or batch scoring). */
  serving: z.enum(SERVING_MODES).optional(),
  /** Present only when the feature pipeline decision took this value (streaming features). */
  features: z.enum(['streaming', 'batch']).optional(),
});

const hardProblemSchema = z.strictObject({
  id,
  title: text,
  /** The component the deep-dive is about. */
  component: id,
  /** For a problem of the core `app`: which service it lands on when the design splits reads from writes. */
  path: z.enum(['read', 'write']).default('write'),
  why: text,
  data_model: z.array(text).min(1),
  approach: z.array(text).min(2),
  numbers: z.array(text).default([]),
  failure: z.array(text).min(1),
  interface: z.array(text).min(1),
});

const archetypeSchema = z.strictObject({
  id,
  title: text,
  kind: z.enum(['general', 'ml']),
  summary: text,
  updated: isoDate,
  sources: z
    .array(z.strictObject({ title: text, url: z.url().optional(), date: isoDate, supports: text }))
    .min(1),
  cues: z.strictObject({
    title: z.array(pattern).min(1),
    functional: z.array(pattern).min(1),
    /** Words that point away from this archetype even when a cue matches. */
    against: z.array(pattern).default([]),
  }),
  /** The key most reads and writes look up by, and why. */
  access_key: z.strictObject({ name: snake, why: text }),
  /** Archetypes this one commonly composes with (document Q&A = LLM serving + document search). */
  compose_with: z.array(id).default([]),
  /**
   * What this system calls the core components it keeps (the datastore of a messenger is its
   * message store), with the words a candidate uses for them.
   */
  core: z
    .partialRecord(
      z.enum(CORE_COMPONENT_IDS),
      z.strictObject({
        name: text,
        role: text.optional(),
        keywords: z.array(z.string().trim().toLowerCase().min(2)).min(2),
      }),
    )
    .default({}),
  parameters: z
    .array(
      z.strictObject({
        id: snake,
        value: z.number().nonnegative(),
        unit: z.enum(Object.keys(PARAMETER_UNITS) as [keyof typeof PARAMETER_UNITS]),
        label: text,
        why: text,
      }),
    )
    .default([]),
  components: z.array(componentSchema).min(1),
  hard_problems: z.array(hardProblemSchema).min(2).max(3),
  tradeoffs: z
    .array(
      z.strictObject({
        decision: text,
        chosen: text,
        alternative: text,
        chosen_wins: text,
        alternative_wins: text,
      }),
    )
    .min(2),
  red_flags: z.array(z.strictObject({ id, message: text })).min(2),
});

export type Archetype = z.output<typeof archetypeSchema>;
export type ArchetypeComponent = Archetype['components'][number];
export type HardProblem = Archetype['hard_problems'][number];

const PLACEHOLDER = /\{([a-z][a-z0-9_.-]*)\}/g;

/** Every `{name}` in a text: a base quantity, a parameter, `size.<component>` or `input.<component>.<input>`. */
export function placeholders(textWithNames: string): string[] {
  return [...textWithNames.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

function texts(archetype: Archetype): string[] {
  return [
    archetype.summary,
    ...archetype.components.flatMap((c) => [c.role, c.api, c.data, c.failure]),
    ...Object.values(archetype.core).flatMap((c) => (c.role === undefined ? [] : [c.role])),
    ...archetype.hard_problems.flatMap((p) => [
      p.why,
      ...p.data_model,
      ...p.approach,
      ...p.numbers,
      ...p.failure,
      ...p.interface,
    ]),
    ...archetype.tradeoffs.flatMap((t) => [t.chosen_wins, t.alternative_wins]),
    ...archetype.red_flags.map((flag) => flag.message),
  ];
}

/** The cross-field rules zod cannot say: names resolve, inputs are known, flows connect. */
function crossCheck(archetype: Archetype): string | undefined {
  const parameters = new Set(archetype.parameters.map((p) => p.id));
  const componentIds = archetype.components.map((c) => c.id);
  const known = new Set<string>([...CORE_COMPONENT_IDS, ...componentIds]);
  const twice = componentIds.find((c, index) => componentIds.indexOf(c) !== index);
  if (twice) return `component "${twice}" is listed twice`;
  const clash = componentIds.find((c) => (CORE_COMPONENT_IDS as readonly string[]).includes(c));
  if (clash)
    return `component "${clash}" reuses the id of a core component; flows may name core components instead`;
  const factorOk = (factor: string | number): boolean =>
    typeof factor === 'number' || factor in BASE_QUANTITIES || parameters.has(factor);
  for (const component of archetype.components) {
    const rule = SIZING_RULES[component.sizing.rule] as Record<string, readonly string[] | null>;
    for (const [input, factors] of Object.entries(component.sizing.inputs)) {
      if (!(input in rule))
        return `components.${component.id}.sizing: rule ${component.sizing.rule} takes ${Object.keys(rule).join(', ') || 'no inputs'}, not "${input}"`;
      const bad = factors.find((factor) => !factorOk(factor));
      if (bad !== undefined)
        return `components.${component.id}.sizing.inputs.${input}: "${bad}" is neither a quantity nor a parameter`;
    }
    const missing = Object.entries(rule).find(
      ([input, fallback]) => fallback === null && !(input in component.sizing.inputs),
    );
    if (missing)
      return `components.${component.id}.sizing: rule ${component.sizing.rule} needs input "${missing[0]}"`;
    for (const flow of component.flows) {
      const other = 'to' in flow ? flow.to : flow.from;
      if (!known.has(other)) return `components.${component.id}.flows: unknown component "${other}"`;
    }
  }
  for (const problem of archetype.hard_problems)
    if (
      !componentIds.includes(problem.component) &&
      !(CORE_COMPONENT_IDS as readonly string[]).includes(problem.component)
    )
      return `hard_problems.${problem.id}: unknown component "${problem.component}"`;
  for (const line of texts(archetype))
    for (const name of placeholders(line)) {
      const [head, component, input] = name.split('.');
      const resolves =
        name in BASE_QUANTITIES ||
        parameters.has(name) ||
        (head === 'size' &&
          component !== undefined &&
          input === undefined &&
          componentIds.includes(component)) ||
        (head === 'input' &&
          component !== undefined &&
          input !== undefined &&
          archetype.components.some(
            (c) => c.id === component && input in (SIZING_RULES[c.sizing.rule] as Record<string, unknown>),
          ));
      if (!resolves) return `the text "${line.slice(0, 60)}" quotes {${name}}, which nothing computes`;
    }
  return undefined;
}

export function parseArchetype(fileName: string, source: string): Result<Archetype> {
  const parsed = parseYamlData(fileName, source, archetypeSchema);
  if (!parsed.ok) return parsed;
  const archetype = parsed.value;
  if (`${archetype.id}.yaml` !== fileName.split('/').pop())
    return fail(`${fileName}: id "${archetype.id}" does not match the file name`);
  const problem = crossCheck(archetype);
  return problem ? fail(`${fileName}: ${problem}`) : ok(archetype);
}

/** Checks that hold across the catalogue: composed archetypes exist. */
export function checkCatalogue(archetypes: readonly Archetype[]): Result<readonly Archetype[]> {
  const ids = new Set(archetypes.map((a) => a.id));
  for (const archetype of archetypes) {
    const unknown = archetype.compose_with.find((other) => !ids.has(other));
    if (unknown)
      return fail(
        `references/archetypes/${archetype.id}.yaml: compose_with names unknown archetype "${unknown}"`,
      );
  }
  return ok(archetypes);
}

/**
 * The answers of a model that follows the instructions: the baseline the prompt carries, with every
 * piece of prose reworded by hand-written, deterministic rules, and everything else (ids, enum
 * values, keys, short strings, numbers, booleans, null) kept exactly.
 */
import { hashOf, isIdName, isRecord, resolveRef, type Json } from './fake-schema.js';

/** The openers a rewrite starts with, so tests can find the model's prose in a document. */
export const PLAUSIBLE_OPENERS = ['In this design, ', 'Concretely, ', 'For this team, '] as const;

const jsonType = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'integer'
          : 'number'
        : typeof value;

function typeFits(schema: unknown, root: unknown, value: unknown): boolean {
  const resolved =
    isRecord(schema) && typeof schema.$ref === 'string' ? resolveRef(root, schema.$ref) : schema;
  if (!isRecord(resolved) || resolved.type === undefined) return true;
  const types: unknown[] = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  const actual = jsonType(value);
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

/** Every subschema that applies to `value` at this point: $refs, allOf members, the fitting anyOf/oneOf branch. */
function applicable(schema: unknown, root: unknown, value: unknown, depth = 0): Json[] {
  if (!isRecord(schema) || depth > 40) return [];
  const more = (sub: unknown): Json[] => applicable(sub, root, value, depth + 1);
  const out: Json[] = [schema];
  if (typeof schema.$ref === 'string') out.push(...more(resolveRef(root, schema.$ref)));
  if (Array.isArray(schema.allOf)) for (const sub of schema.allOf) out.push(...more(sub));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) out.push(...more(branches.find((b) => typeFits(b, root, value))));
  }
  return out;
}

function propertySchemas(schemas: readonly Json[], key: string): unknown[] {
  return schemas.flatMap((schema) => {
    if (isRecord(schema.properties) && key in schema.properties) return [schema.properties[key]];
    return isRecord(schema.additionalProperties) ? [schema.additionalProperties] : [];
  });
}

function itemSchemas(schemas: readonly Json[], index: number): unknown[] {
  return schemas.flatMap((schema) => {
    const prefix: unknown[] = Array.isArray(schema.prefixItems)
      ? schema.prefixItems
      : Array.isArray(schema.items)
        ? schema.items
        : [];
    if (index < prefix.length) return [prefix[index]];
    return isRecord(schema.items) ? [schema.items] : [];
  });
}

/**
 * Names, titles, labels and the values a decision chose among are what a model picks, not prose it
 * writes: a model that follows the instructions ("keep its structure") leaves them as they are.
 */
const KEPT_NAMES = new Set(['name', 'title', 'label', 'decision', 'chosen', 'alternative']);

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** "Reads go ..." -> "reads go ...", "A cache" -> "a cache"; "CDN in front" and "I think" keep their capitals. */
const lowerFirst = (text: string): string =>
  /^(?:[A-Z][a-z]|A\s)/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;

function rewriteString(
  text: string,
  schemas: readonly Json[],
  path: string,
  name: string | undefined,
): string {
  if (words(text) < 3 || isIdName(name) || KEPT_NAMES.has(name ?? '')) return text;
  if (schemas.some((s) => 'enum' in s || 'const' in s || 'pattern' in s || 'format' in s)) return text;
  const opener = PLAUSIBLE_OPENERS[hashOf(path) % PLAUSIBLE_OPENERS.length] ?? PLAUSIBLE_OPENERS[0];
  const rewritten = `${opener}${lowerFirst(text)}`;
  const limits = schemas.flatMap((s) => (typeof s.maxLength === 'number' ? [s.maxLength] : []));
  return rewritten.length > Math.min(Infinity, ...limits) ? text : rewritten;
}

function rewrite(
  value: unknown,
  candidates: readonly unknown[],
  root: unknown,
  path: string,
  name?: string,
): unknown {
  const schemas = candidates.flatMap((schema) => applicable(schema, root, value));
  if (typeof value === 'string') return rewriteString(value, schemas, path, name);
  if (Array.isArray(value)) {
    return value.map((item, i) => rewrite(item, itemSchemas(schemas, i), root, `${path}[${i}]`, name));
  }
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        rewrite(item, propertySchemas(schemas, key), root, `${path}.${key}`, key),
      ]),
    );
  }
  return value;
}

/**
 * The baseline with every prose string (three words or more, not under a reference name or a name in
 * KEPT_NAMES, not an enum, const, pattern or format string) reworded as an opener from PLAUSIBLE_OPENERS (picked by a
 * hash of the JSON path) plus the sentence with its first letter lower-cased; a rewrite longer than
 * the schema's maxLength at that path keeps the baseline. No numeral is added anywhere.
 */
export function plausibleInput(baseline: unknown, schema: unknown): unknown {
  return rewrite(baseline, [schema], schema, '$');
}

/**
 * Instances of a tool's JSON Schema for the fake Messages API, built by one walker with two policies:
 * autoInput (the smallest valid answer) and schemaOnlyInput (what a model sends that follows the
 * schema and ignores every instruction: placeholder prose with invented numerals and names, invented
 * and duplicated ids, every review answer "vague"). Both handle local $refs, const, enum,
 * anyOf/oneOf (the first non-null branch), allOf (merged objects), type arrays, tuples and bounds.
 */

export type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where a value sits: its JSON path, the property name it (or its array) is under, how it was reached. */
interface Site {
  readonly path: string;
  /** The path with every array index 1 read as 0, so items 0 and 1 of an array share their ids. */
  readonly idPath: string;
  readonly name: string | undefined;
  /** Reached through a nullable schema (a type array or anyOf with null). */
  readonly nullable: boolean;
}

interface Policy {
  enumValue(values: readonly unknown[]): unknown;
  string(schema: Json, site: Site): string;
  number(schema: Json, integer: boolean, site: Site): number;
  boolean(site: Site): boolean;
  itemCount(schema: Json, prefixLength: number): number;
  /** Whether item 1 of an array takes item 0's ids (and so duplicates them). */
  duplicateIds(schema: Json): boolean;
  keys(properties: Json, required: readonly string[]): string[];
}

function instanceOf(schema: unknown, root: unknown, site: Site, policy: Policy, depth: number): unknown {
  if (!isRecord(schema) || depth > 40) return null;
  const next = (sub: unknown, at: Site = site): unknown => instanceOf(sub, root, at, policy, depth + 1);
  if (typeof schema.$ref === 'string') return next(resolveRef(root, schema.$ref));
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return policy.enumValue(schema.enum);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const isNull = (b: unknown): boolean => isRecord(b) && b.type === 'null';
      const branch: unknown = branches.find((b) => !isNull(b)) ?? branches[0];
      return next(branch, { ...site, nullable: site.nullable || branches.some(isNull) });
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const values = schema.allOf.map((sub) => next(sub));
    return values.every(isRecord) ? Object.assign({}, ...values) : values[0];
  }
  const types: unknown[] | undefined = Array.isArray(schema.type) ? schema.type : undefined;
  const declared: unknown = types ? (types.find((type) => type !== 'null') ?? 'null') : schema.type;
  const nullable = site.nullable || (types?.includes('null') ?? false);
  const here: Site = { ...site, nullable };
  const type: unknown =
    declared ??
    ('properties' in schema || 'required' in schema ? 'object' : 'items' in schema ? 'array' : undefined);
  switch (type) {
    case 'string':
      return policy.string(schema, here);
    case 'number':
    case 'integer':
      return policy.number(schema, type === 'integer', here);
    case 'boolean':
      return policy.boolean(here);
    case 'array': {
      const prefix: unknown[] = Array.isArray(schema.prefixItems)
        ? schema.prefixItems
        : Array.isArray(schema.items)
          ? schema.items
          : [];
      const duplicate = policy.duplicateIds(schema);
      return Array.from({ length: policy.itemCount(schema, prefix.length) }, (_, i) =>
        next(i < prefix.length ? prefix[i] : schema.items, {
          path: `${site.path}[${i}]`,
          idPath: `${site.idPath}[${duplicate && i === 1 ? 0 : i}]`,
          name: site.name,
          nullable: false,
        }),
      );
    }
    case 'object': {
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required)
        ? schema.required.filter((k) => typeof k === 'string')
        : [];
      const extra = isRecord(schema.additionalProperties) ? schema.additionalProperties : {};
      return Object.fromEntries(
        policy.keys(properties, required).map((key) => [
          key,
          next(properties[key] ?? extra, {
            path: `${site.path}.${key}`,
            idPath: `${site.idPath}.${key}`,
            name: key,
            nullable: false,
          }),
        ]),
      );
    }
    default:
      return null;
  }
}

const ROOT_SITE: Site = { path: '$', idPath: '$', name: undefined, nullable: false };

export function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const token of ref.slice(1).split('/').filter(Boolean)) {
    if (!isRecord(node)) return undefined;
    node = node[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

const FORMATS: Record<string, string> = {
  'date-time': '1970-01-01T00:00:00Z',
  date: '1970-01-01',
  time: '00:00:00Z',
  email: 'x@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
};

const formatted = (schema: Json): string | undefined =>
  typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;

const numberAt = (schema: Json, key: string): number | undefined =>
  typeof schema[key] === 'number' ? schema[key] : undefined;

/** `value` moved inside the schema's minimum/maximum (exclusive ones too). */
function clamp(value: number, schema: Json, integer: boolean): number {
  const minimum = numberAt(schema, 'minimum');
  const exclusiveMinimum = numberAt(schema, 'exclusiveMinimum');
  const maximum = numberAt(schema, 'maximum');
  const exclusiveMaximum = numberAt(schema, 'exclusiveMaximum');
  if (minimum !== undefined && value < minimum) value = integer ? Math.ceil(minimum) : minimum;
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum)
    value = integer ? Math.floor(exclusiveMinimum) + 1 : exclusiveMinimum + 1;
  if (maximum !== undefined && value > maximum) value = integer ? Math.floor(maximum) : maximum;
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum)
    value = integer ? Math.ceil(exclusiveMaximum) - 1 : exclusiveMaximum - 1;
  // An exclusive range narrower than 1: its midpoint.
  if (!integer && exclusiveMinimum !== undefined && value <= exclusiveMinimum)
    value = (exclusiveMinimum + (exclusiveMaximum ?? maximum ?? exclusiveMinimum + 2)) / 2;
  return value;
}

/**
 * A minimal valid instance of a JSON schema: required properties only, strings "x", numbers 1 (moved
 * into minimum/maximum), booleans false, arrays of minItems items, enum/const -> the first value,
 * anyOf/oneOf -> the first non-null branch, allOf -> merged, local $refs resolved.
 */
export function autoInput(schema: unknown): unknown {
  return instanceOf(schema, schema, ROOT_SITE, AUTO, 0);
}

const AUTO: Policy = {
  enumValue: (values) => values[0],
  string(schema) {
    const min = numberAt(schema, 'minLength') ?? 1;
    const max = numberAt(schema, 'maxLength') ?? Infinity;
    return formatted(schema) ?? 'x'.repeat(Math.min(Math.max(min, 1), max));
  },
  number: (schema, integer) => clamp(1, schema, integer),
  boolean: () => false,
  itemCount: (schema) => numberAt(schema, 'minItems') ?? 0,
  duplicateIds: () => false,
  keys: (_, required) => [...required],
};

/** FNV-1a: a small, stable string hash (no Math.random anywhere in the fake). */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Names the project gives to references: `id`, `componentId`, `guide_ids`, `component`, `from`, `to`, `key`. */
export function isIdName(name: string | undefined): boolean {
  if (name === undefined) return false;
  return (
    ['id', 'ids', 'component', 'from', 'to', 'key'].includes(name) ||
    /(?:[a-z0-9](?:Id|Ids)|_ids?)$/.test(name)
  );
}

const FILLER = ' and more stand-in text';

/** Cut to maxLength, padded to minLength with filler prose. */
function fit(text: string, schema: Json): string {
  const min = numberAt(schema, 'minLength') ?? 0;
  const max = numberAt(schema, 'maxLength') ?? Infinity;
  let out = text;
  while (out.length < min) out += FILLER;
  return out.slice(0, Math.max(min, Math.min(out.length, max)));
}

const matches = (pattern: unknown, text: string): boolean => {
  if (typeof pattern !== 'string') return true;
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return true;
  }
};

/**
 * What a model that follows the schema and nothing else sends (see the file comment): every declared
 * property, strings of placeholder prose with invented numerals and names ("stand-in text 42 with
 * 3.7x headroom for node-7") fitted to min/maxLength, reference-named strings as invented ids
 * ("ghost-4") that items 0 and 1 of an array share, the LAST enum value, booleans true, nullable
 * strings a push-back text (never null), numbers invented inside the bounds (never autoInput's pick),
 * arrays of max(minItems, 2) items capped by maxItems, tuples as declared. Deterministic in `seed`.
 */
export function schemaOnlyInput(schema: unknown, seed: number): unknown {
  const h = (path: string): number => hashOf(`${seed}|${path}`);
  const policy: Policy = {
    enumValue: (values) => [...values].reverse().find((value) => value !== null) ?? values.at(-1),
    string(schema, site) {
      const format = formatted(schema);
      if (format !== undefined) return format;
      const n = h(isIdName(site.name) ? site.idPath : site.path);
      const figure = 10 + (n % 90);
      const ratio = `${1 + ((n >>> 8) % 9)}.${1 + ((n >>> 12) % 9)}`;
      const node = `node-${1 + ((n >>> 16) % 9)}`;
      const id = `ghost-${1 + (n % 97)}`;
      const prose = site.nullable
        ? `Push back: is stand-in ${figure} at ${ratio}x enough for ${node}?`
        : `stand-in text ${figure} with ${ratio}x headroom for ${node}`;
      const candidates = (isIdName(site.name) ? [id, prose] : [prose, id]).map((text) => fit(text, schema));
      return candidates.find((text) => matches(schema.pattern, text)) ?? candidates[0] ?? id;
    },
    number(schema, integer, site) {
      const auto = clamp(1, schema, integer);
      const invented = clamp(10 + (h(site.path) % 90), schema, integer);
      if (invented !== auto) return invented;
      const above = clamp(invented + 1, schema, integer);
      return above !== invented ? above : clamp(invented - 1, schema, integer);
    },
    boolean: () => true,
    itemCount(schema, prefixLength) {
      const min = numberAt(schema, 'minItems') ?? 0;
      const max = numberAt(schema, 'maxItems') ?? Infinity;
      const open = schema.items !== false && !(prefixLength > 0 && Array.isArray(schema.items));
      const wanted = prefixLength > 0 ? Math.max(prefixLength, min) : Math.max(min, 2);
      return Math.min(open ? wanted : prefixLength, max);
    },
    duplicateIds: (schema) => schema.uniqueItems !== true,
    keys: (properties, required) => [...new Set([...Object.keys(properties), ...required])],
  };
  return instanceOf(schema, schema, ROOT_SITE, policy, 0);
}

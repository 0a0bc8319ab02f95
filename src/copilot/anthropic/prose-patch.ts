/**
 * What a model may change in a baseline: its prose, one field at a time, keyed by the baseline's own
 * ids. A prose map lists the fields of a value that are prose, as paths:
 *
 *   `summary`                    a top-level string
 *   `components[id].purpose`     in the array `components`, the element whose `id` is given
 *   `[componentId].approach[]`   in a top-level array, every line of `approach`
 *   `scaling[factor].plan`       keyed by a number field (`scaling[10].plan`)
 *
 * Walking a value with its map gives entries `{ key: "components[cache].purpose", text }`; the
 * model answers with entries of the same keys, and applying them changes those strings and nothing
 * else: ids, numbers, tables, structure and every field not in the map stay the baseline's.
 */
export type ProseMap = readonly string[];

export interface ProseEntry {
  readonly key: string;
  readonly text: string;
}

type Json = unknown;

interface Segment {
  readonly field?: string;
  /** `[id]`: keyed by this field of each element; `[]`: by index. */
  readonly by?: string;
  readonly each?: boolean;
}

function parsePath(path: string): Segment[] {
  return path.split('.').map((part) => {
    const match = /^([A-Za-z]*)(?:\[([A-Za-z]*)\])?$/.exec(part);
    if (!match) throw new Error(`bad prose path ${path}`);
    const [, field = '', inside] = match;
    return {
      ...(field ? { field } : {}),
      ...(inside === undefined ? {} : inside === '' ? { each: true } : { by: inside }),
    };
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy of `value` with every prose string at `path` replaced by `edit(key, text)`. Elements with
 * the same id get `~2`, `~3` appended to their key, so every key names one string.
 */
function mapPath(value: Json, segments: readonly Segment[], prefix: string, edit: Edit): Json {
  const [segment, ...rest] = segments;
  if (!segment) return typeof value === 'string' ? edit(prefix, value) : value;
  let current: Json = value;
  let key = prefix;
  const inner = (child: Json, childKey: string): Json =>
    segment.by === undefined && !segment.each ? mapPath(child, rest, childKey, edit) : child;
  if (segment.field !== undefined) {
    if (!isRecord(value) || !(segment.field in value)) return value;
    current = value[segment.field];
    key = prefix ? `${prefix}.${segment.field}` : segment.field;
    if (segment.by === undefined && !segment.each) return { ...value, [segment.field]: inner(current, key) };
  }
  if (!Array.isArray(current)) return value;
  const seen = new Map<string, number>();
  const mapped = current.map((element: Json, index) => {
    let id = String(index);
    if (segment.by !== undefined) {
      const raw = isRecord(element) ? element[segment.by] : undefined;
      if (typeof raw !== 'string' && typeof raw !== 'number') return element;
      id = String(raw);
      const count = (seen.get(id) ?? 0) + 1;
      seen.set(id, count);
      if (count > 1) id = `${id}~${String(count)}`;
    }
    return mapPath(element, rest, `${key}[${id}]`, edit);
  });
  return segment.field !== undefined && isRecord(value) ? { ...value, [segment.field]: mapped } : mapped;
}

type Edit = (key: string, text: string) => string;

function mapProse(value: Json, map: ProseMap, edit: Edit): Json {
  return map.reduce<Json>((current, path) => mapPath(current, parsePath(path), '', edit), value);
}

/** The prose of a value, in the map's order. */
export function proseEntries(value: Json, map: ProseMap): ProseEntry[] {
  const entries: ProseEntry[] = [];
  mapProse(value, map, (key, text) => {
    entries.push({ key, text });
    return text;
  });
  return entries;
}

/** The value with the given prose in place of its own; keys it does not have change nothing. */
export function applyProse<T>(value: T, map: ProseMap, prose: ReadonlyMap<string, string>): T {
  return mapProse(value, map, (key, text) => prose.get(key) ?? text) as T;
}

/** The part of a key that names one element or field at the top: `[db]` of `[db].approach[1]`. */
const groupOf = (key: string): string => /^(?:\[[^\]]*\]|[A-Za-z]+(?:\[[^\]]*\])?)/.exec(key)?.[0] ?? key;

/**
 * Entries in at most `parts` parts of whole elements (all of `[db]`'s entries in one part): one
 * part when they are under `chars` characters, else parts of about equal size, in order.
 */
export function partition(entries: readonly ProseEntry[], chars: number, parts: number): ProseEntry[][] {
  const size = (list: readonly ProseEntry[]): number =>
    list.reduce((sum, entry) => sum + entry.text.length, 0);
  const total = size(entries);
  if (total <= chars || parts <= 1) return [[...entries]];
  // An element's entries stay together, wherever the map lists them.
  const byGroup = new Map<string, ProseEntry[]>();
  for (const entry of entries) {
    const group = groupOf(entry.key);
    byGroup.set(group, [...(byGroup.get(group) ?? []), entry]);
  }
  const groups = [...byGroup.values()];
  const count = Math.min(parts, Math.ceil(total / chars), groups.length);
  const target = total / count;
  const out: ProseEntry[][] = [[]];
  for (const group of groups) {
    const current = out.at(-1) ?? [];
    if (current.length > 0 && size(current) + size(group) / 2 > target && out.length < count)
      out.push([...group]);
    else current.push(...group);
  }
  return out;
}

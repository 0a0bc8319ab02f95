/** Reading a session's records back by id, for the protocols' typed views of their answers and drafts. */
import type { SessionState } from './types.js';

/**
 * Picks records by id into a named object, leaving out what is absent. The values were produced by
 * the slots' own parsers (or validated drafts) when they were recorded, so reading them back by id
 * is safe; this is the one place that relies on it.
 */
export function pickById(
  records: Readonly<Record<string, unknown>>,
  keys: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, id] of Object.entries(keys)) {
    if (records[id] !== undefined) result[name] = records[id];
  }
  return result;
}

/** The parsed value of every answer, by question id. */
export function answerValues(state: SessionState): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state.answers).map(([id, record]) => [id, record.value]));
}

/**
 * YAML or JSON by file extension, parsed safely (YAML 1.2 core schema: no custom tags, no code),
 * with duplicate keys rejected in both: in JSON the last value would silently win.
 */
import { parse as parseYaml } from 'yaml';
import { badInput } from '../errors.js';

export function parseStructured(path: string, text: string): unknown {
  const json = path.endsWith('.json');
  const fail = (error: unknown): never => {
    const first = (error as Error).message.split('\n')[0] ?? 'syntax error';
    throw badInput(`${path}: not valid ${json ? 'JSON' : 'YAML'}: ${first}`);
  };
  try {
    const data: unknown = json
      ? JSON.parse(text)
      : parseYaml(text, { prettyErrors: false, uniqueKeys: true });
    // JSON is YAML 1.2 too: a second, strict pass finds the duplicate keys JSON.parse lets through.
    if (json) parseYaml(text, { prettyErrors: false, uniqueKeys: true });
    return data;
  } catch (error) {
    return fail(error);
  }
}

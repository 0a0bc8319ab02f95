/**
 * What a session writes: a list of artifacts, each a path relative to --out (posix, sub-directories
 * allowed) and its content. Structured artifacts are serialised by their libraries, never filled
 * into a text template, so a value that looks like YAML syntax ("yes", "1e3", "a: b", "# not a
 * comment") or a JSON escape stays the value it was.
 */
import { stringify } from 'yaml';

export interface Artifact {
  /** Relative to --out, with "/" between segments, e.g. "system_design.md" or "adr/0001-datastore.md". */
  readonly path: string;
  readonly content: string;
}

/** A YAML artifact (YAML 1.2, as the `yaml` library writes it), ending with a newline. */
export function yamlArtifact(path: string, value: unknown): Artifact {
  return { path, content: stringify(value, { lineWidth: 0 }) };
}

/** A JSON artifact, two-space indented, ending with a newline. */
export function jsonArtifact(path: string, value: unknown): Artifact {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  if (text === undefined) throw new Error(`${path}: the value cannot be written as JSON`);
  return { path, content: `${text}\n` };
}

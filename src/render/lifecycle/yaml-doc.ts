/**
 * YAML with comments, still serialised by the `yaml` library: the value becomes a Document, the
 * header goes above it and each comment above the node at its path. Comments are how a generated
 * file explains its numbers to the engineer who commits it; a text template would lose the
 * library's quoting of values that look like YAML syntax.
 */
import { Document, isNode } from 'yaml';
import type { Artifact } from '../../output/artifacts.js';

export type YamlPath = readonly (string | number)[];

/** One space after each "#", as YAML comments are usually written. */
export function spaced(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : ` ${line}`))
    .join('\n');
}

export function commentedYaml(
  path: string,
  header: string,
  value: unknown,
  comments: readonly (readonly [YamlPath, string])[] = [],
): Artifact {
  // No anchors or aliases for objects used twice: GitHub Actions and many readers reject them.
  const doc = new Document(value, { aliasDuplicateObjects: false });
  doc.commentBefore = spaced(header);
  for (const [at, text] of comments) {
    const node: unknown = doc.getIn(at, true);
    if (!isNode(node)) throw new Error(`${path}: no node at ${at.join('.')} to comment`);
    node.commentBefore = spaced(text);
  }
  return { path, content: doc.toString({ lineWidth: 0 }) };
}

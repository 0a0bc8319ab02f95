/**
 * The secret scan the lifecycle tests run over generated files, two independent ways: secretlint
 * with its recommended preset (through its Node API, offline), and a key-name deny-list whose
 * values must be references (${VAR}, ${{ secrets.X }}, secretKeyRef, a runtime lookup, or nothing).
 */
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { Artifact } from '../../src/output/artifacts.js';
import { yamlDocuments } from './lifecycle-formats.js';

/** secretlint's findings in one file, "path:line: rule: message". */
export async function secretlint(artifact: Artifact): Promise<string[]> {
  const result = await lintSource({
    source: { content: artifact.content, filePath: `/out/${artifact.path}`, contentType: 'text' },
    options: {
      config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] },
      maskSecrets: true,
      noPhysicFilePath: true,
    },
  });
  return result.messages.map(
    (m) => `${artifact.path}:${String(m.loc.start.line)}: ${m.ruleId}: ${m.message}`,
  );
}

/** Key names that hold credentials. */
export const DENY =
  /passw(?:or)?d|passwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential/i;
/** Keys that say where a credential is kept, not what it is: secretName, secretKeyRef, TOKEN_FILE. */
export const LOCATES = /(?:name|ref|file|path)$/i;

/** What a credential may be set to: nothing, or a reference resolved at run time. */
const REFERENCE = [
  /^$/, // empty: filled from the secret store
  /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-?][^}]*)?\}$/, // ${VAR}, ${VAR:?message}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$\{\{\s*secrets\.[A-Za-z0-9_]+\s*\}\}$/, // GitHub ${{ secrets.X }}
  /^\$\{\{\s*github\.token\s*\}\}$/, // the job's own token
  /^\$\(.*\)$/, // shell command substitution: fetched at run time
  /^os\.environ(?:\.get)?[[(]/, // Python reading the environment
];
/** The name of a credential's environment variable (KFP's secret_key_to_env maps a key to one). */
const CREDENTIAL_VARIABLE = (value: string): boolean => /^[A-Z][A-Z0-9_]*$/.test(value) && DENY.test(value);
const isReference = (value: string): boolean =>
  REFERENCE.some((pattern) => pattern.test(value.trim())) || CREDENTIAL_VARIABLE(value.trim());

/** One key holding a value: where, the key, the value as written. */
interface Assignment {
  readonly where: string;
  readonly key: string;
  readonly value: string;
}

/**
 * Every string-valued key of a YAML or JSON value, with Kubernetes `env` entries ({name, value})
 * and compose `KEY=value` list items read as the assignments they are. Keys under GitHub's
 * `permissions` are scopes (id-token: write), not credentials.
 */
function structured(value: unknown, path: string, out: Assignment[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const at = `${path}[${String(i)}]`;
      if (typeof item === 'string' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(item)) {
        const [key = '', ...rest] = item.split('=');
        out.push({ where: at, key, value: rest.join('=') });
      } else structured(item, at, out);
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  if (typeof record['name'] === 'string' && 'value' in record)
    out.push({
      where: path,
      key: record['name'],
      value: JSON.stringify(record['value'] ?? '').replace(/^"(.*)"$/, '$1'),
    });
  for (const [key, child] of Object.entries(record)) {
    if (key === 'permissions') continue;
    const at = path ? `${path}.${key}` : key;
    if (typeof child === 'string') out.push({ where: at, key, value: child });
    else structured(child, at, out);
  }
}

/**
 * KEY=value, key: value and key = "value" in a text file (shell, Python, env, Markdown): code, not
 * prose, so comment lines are passed over and in Markdown only fenced code blocks are read.
 */
function lineAssignments(artifact: Artifact): Assignment[] {
  const out: Assignment[] = [];
  let fenced = false;
  for (const [i, line] of artifact.content.split('\n').entries()) {
    if (artifact.path.endsWith('.md')) {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      if (!fenced) continue;
    } else if (/^\s*#/.test(line)) continue;
    for (const m of line.matchAll(
      /(?:^|[\s;(,{"'-])([A-Za-z_][\w-]*)["']?\s*(?:=|:\s)\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;)}]*)/g,
    )) {
      const raw = m[2] ?? '';
      // In Python a call or a name is code; only a string literal is a value.
      if (artifact.path.endsWith('.py') && !/^["']/.test(raw)) continue;
      out.push({
        where: `line ${String(i + 1)}`,
        key: m[1] ?? '',
        value: raw.replace(/^(["'])(.*)\1$/, '$2'),
      });
    }
  }
  return out;
}

export function assignments(artifact: Artifact): Assignment[] {
  if (/\.ya?ml$|(^|\/)MLproject$/.test(artifact.path)) {
    const out: Assignment[] = [];
    for (const doc of yamlDocuments(artifact.content).docs) structured(doc, '', out);
    return out;
  }
  if (artifact.path.endsWith('.json')) {
    const out: Assignment[] = [];
    structured(JSON.parse(artifact.content), '', out);
    return out;
  }
  return lineAssignments(artifact);
}

/** The deny-list's findings in one file. */
export function denyList(artifact: Artifact): string[] {
  return assignments(artifact)
    .filter(({ key, value }) => DENY.test(key) && !LOCATES.test(key) && !isReference(value))
    .filter(({ value }) => !/^(?:true|false|null|\d+)$/i.test(value))
    .map(({ where, key, value }) => `${artifact.path}: ${where}: ${key} holds "${value}", not a reference`);
}

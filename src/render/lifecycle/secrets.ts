/**
 * The product's own secret check over every generated file, before anything is written: a key
 * whose name says it holds a credential must hold a reference (an environment variable, a CI
 * secret, a Kubernetes secretKeyRef), never a value. Tests run a real secret scanner as well.
 */
import type { Artifact } from '../../output/artifacts.js';

/** Key names that hold credentials. */
export const SECRET_KEY =
  /(?:passw(?:or)?d|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key)/i;

/** What a credential key may hold: nothing, a reference, or a plain placeholder without a value. */
const REFERENCE =
  /^(?:|""|''|\$\{[A-Z0-9_]+(?::?[-?][^}]*)?\}|\$[A-Z0-9_]+|\$\{\{\s*secrets\.[A-Za-z0-9_]+\s*\}\}|\$\{\{\s*vars\.[A-Za-z0-9_]+\s*\}\}|\$\{\{\s*github\.token\s*\}\}|<[^>]+>|os\.environ.*|\[\]|\{\}|[|>][-+]?)$/;

/** Keys that name where a secret is kept (secretName, secretKeyRef, token_file), or a GitHub permission (id-token). */
const NAMES_A_SECRET = /(?:name|ref|file|path|id)$|^id-token$/i;

/** A key: value (YAML) or KEY=value (env files, shell) line. */
const ASSIGNMENT = /^\s*(?:-\s+)?(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*(?::|=)\s*(.*?)\s*(?:#.*)?$/;

export function checkSecrets(artifacts: readonly Artifact[]): string[] {
  const problems: string[] = [];
  for (const artifact of artifacts) {
    if (artifact.path.endsWith('.md')) continue;
    for (const [index, line] of artifact.content.split('\n').entries()) {
      if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(line))
        problems.push(`${artifact.path}:${String(index + 1)}: holds a private key`);
      // An AWS access key id is found by its shape too: under a key ending in _ID the name rule
      // below lets it pass, and a key id leaked beside its secret is half the pair.
      if (/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/.test(line))
        problems.push(`${artifact.path}:${String(index + 1)}: holds an AWS access key id`);
      const match = ASSIGNMENT.exec(line);
      if (!match) continue;
      const [, key = '', raw = ''] = match;
      // In Python only a string literal is a value: a call or a name is code, not a credential.
      if (artifact.path.endsWith('.py') && !/^(["']).*\1,?$/.test(raw)) continue;
      const value = raw.replace(/^(["'])(.*)\1,?$/, '$2');
      if (
        SECRET_KEY.test(key) &&
        !NAMES_A_SECRET.test(key) &&
        !REFERENCE.test(value.trim()) &&
        !/^(?:true|false|null|read|write|none)$/i.test(value)
      )
        problems.push(
          `${artifact.path}:${String(index + 1)}: ${key} holds a value; use a \${VAR} reference or a secret reference`,
        );
    }
  }
  return problems;
}

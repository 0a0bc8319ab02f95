/**
 * `mlops/.env.example`: every variable the generated tracking and deployment files read, with what
 * it is for and where its value comes from. Values are empty (a secret) or an obvious example of a
 * non-secret setting; the real file is `.env`, which never enters git.
 */
import type { Artifact } from '../../output/artifacts.js';

export interface EnvVar {
  readonly name: string;
  /** One or two sentences: what it is and where the value comes from. */
  readonly about: string;
  /** A non-secret example value; secrets have none. */
  readonly example?: string;
  readonly secret: boolean;
  /** Set only in some setups: written commented out, so an empty value never reaches a program. */
  readonly optional?: boolean;
}

export interface EnvGroup {
  readonly title: string;
  readonly vars: readonly EnvVar[];
}

const NAME = /^[A-Z][A-Z0-9_]*$/;

/** The file, one commented line per variable, grouped; a variable named twice is kept once. */
export function envExampleFile(header: string, groups: readonly EnvGroup[]): Artifact {
  const seen = new Set<string>();
  const lines = header.split('\n').map((line) => (line === '' ? '#' : `# ${line}`));
  for (const group of groups) {
    const fresh = group.vars.filter((v) => !seen.has(v.name));
    if (fresh.length === 0) continue;
    lines.push('', `# --- ${group.title} ---`);
    for (const v of fresh) {
      if (!NAME.test(v.name)) throw new Error(`.env.example: "${v.name}" is not a variable name`);
      if (v.secret && v.example !== undefined)
        throw new Error(`.env.example: the secret ${v.name} must not carry an example value`);
      seen.add(v.name);
      const line = `${v.name}=${v.example ?? ''}`;
      lines.push(`# ${v.secret ? '[secret] ' : ''}${v.about}`, v.optional === true ? `# ${line}` : line);
    }
  }
  return { path: 'mlops/.env.example', content: `${lines.join('\n')}\n` };
}

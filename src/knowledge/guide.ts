/**
 * A reference guide: markdown with YAML frontmatter, validated with zod. Parsing is pure (text in,
 * guide out) so a malformed guide fails the unit tests, not a user's session.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isoDate } from './yaml-data.js';
import { fail, ok, type Result } from '../lib/result.js';
import { sanitize } from '../lib/sanitize.js';
import { firstIssue } from '../lib/zod-issue.js';

const PHASES = ['requirements', 'estimation', 'high-level', 'deep-dive', 'tradeoffs', 'operations'] as const;

const frontmatterSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string().min(1),
  components: z.array(z.string().min(1)).min(1),
  phases: z.array(z.enum(PHASES)).min(1),
  keywords: z.array(z.string().min(1)).min(1),
  sources: z
    .array(
      z.strictObject({
        title: z.string().min(1),
        consulted: isoDate,
      }),
    )
    .min(1),
});

export const REQUIRED_SECTIONS = [
  'Core principle',
  'Patterns',
  'Decision framework',
  'Failure modes',
  'When to use this',
  'Red flags',
] as const;

export interface FailureMode {
  readonly name: string;
  readonly text: string;
}

export interface Guide {
  readonly id: string;
  readonly title: string;
  readonly components: readonly string[];
  readonly phases: readonly string[];
  readonly keywords: readonly string[];
  readonly sources: readonly { readonly title: string; readonly consulted: string }[];
  readonly principle: string;
  readonly failureModes: readonly FailureMode[];
  readonly redFlags: readonly string[];
  readonly whenToUse: string;
  readonly body: string;
  readonly words: number;
}

export function parseGuide(fileName: string, text: string): Result<Guide> {
  // A reference file is text from outside the program: no escape sequence reaches a terminal or a document.
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(sanitize(text));
  if (!match?.[1] || match[2] === undefined)
    return fail(`${fileName}: expected YAML frontmatter between --- lines`);
  let data: unknown;
  try {
    data = parseYaml(match[1]);
  } catch (error) {
    return fail(
      `${fileName}: frontmatter is not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`,
    );
  }
  const front = frontmatterSchema.safeParse(data);
  if (!front.success) {
    return fail(`${fileName}: frontmatter ${firstIssue(front.error)}`);
  }
  const body = match[2];
  const sections = splitSections(body);
  const missing = REQUIRED_SECTIONS.filter((name) => !sections.has(name));
  if (missing.length > 0)
    return fail(`${fileName}: missing section(s) ${missing.map((name) => `"## ${name}"`).join(', ')}`);
  const expectedId = fileName.replace(/^.*\//, '').replace(/\.md$/, '');
  if (front.data.id !== expectedId)
    return fail(`${fileName}: frontmatter id "${front.data.id}" should match the file name "${expectedId}"`);
  return ok({
    ...front.data,
    principle: firstParagraph(sections.get('Core principle') ?? ''),
    failureModes: bullets(sections.get('Failure modes') ?? '').map(toFailureMode),
    redFlags: bullets(sections.get('Red flags') ?? ''),
    whenToUse: firstParagraph(sections.get('When to use this') ?? ''),
    body,
    words: body.split(/\s+/).filter((word) => /\w/.test(word)).length,
  });
}

function splitSections(body: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  const flush = (): void => {
    if (current) sections.set(current, lines.join('\n').trim());
  };
  for (const line of body.split(/\r?\n/)) {
    const heading = /^## (.+?)\s*$/.exec(line);
    if (heading?.[1]) {
      flush();
      current = heading[1];
      lines = [];
    } else {
      lines.push(line);
    }
  }
  flush();
  return sections;
}

function firstParagraph(section: string): string {
  return (section.split(/\n\s*\n/)[0] ?? '').replace(/\s*\n\s*/g, ' ').trim();
}

function bullets(section: string): string[] {
  return section
    .split(/\n(?=- )/)
    .filter((item) => item.startsWith('- '))
    .map((item) =>
      item
        .slice(2)
        .replace(/\s*\n\s*/g, ' ')
        .trim(),
    );
}

function toFailureMode(bullet: string): FailureMode {
  const match = /^\*\*(.+?)\*\*:?\s*(.*)$/.exec(bullet);
  return match?.[1] && match[2] !== undefined
    ? { name: match[1].replace(/:$/, ''), text: match[2] }
    : { name: bullet, text: '' };
}

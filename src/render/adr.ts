/**
 * Architecture Decision Records in MADR 4.0 form (https://adr.github.io/madr/): a pure function of a
 * neutral record, so any protocol can produce them. The front matter is serialised by the yaml
 * library, never filled into a template; outside text goes through the inline escaper, and the
 * same input always gives the same bytes. The caller sanitises terminal control characters.
 */
import { stringify } from 'yaml';
import type { ProposalOption } from '../protocol/types.js';
import { headingText, inline } from './markdown-inline.js';

/** A paragraph, or a bulleted list (one string per item). */
export type AdrBlock = string | readonly string[];

/** An option as a proposal shows it; its summary goes under its heading in Pros and Cons of the Options. */
export type AdrOption = Pick<ProposalOption, 'label' | 'summary' | 'pros' | 'cons'>;

export interface AdrInput {
  /** The record's number: 1 is written 0001. */
  readonly number: number;
  /** A short title: the problem and the solution found. */
  readonly title: string;
  /** yyyy-mm-dd, from the session record (never read from a clock here). */
  readonly date: string;
  readonly status: 'accepted';
  readonly decisionMakers?: readonly string[];
  /** What is decided and why it matters, and the requirements it rests on. */
  readonly context: readonly AdrBlock[];
  /** Every option considered, the chosen one among them (matched by label). */
  readonly options: readonly AdrOption[];
  readonly chosen: { readonly label: string; readonly because: string };
  readonly consequences: {
    readonly good: readonly string[];
    readonly bad: readonly string[];
    /** Said before the list, e.g. why no option's pros and cons carry over. */
    readonly note?: string;
  };
  /** How to confirm the decision holds (MADR's optional Confirmation). */
  readonly confirmation?: readonly AdrBlock[];
  /** When to revisit the decision and the figures it was taken at. */
  readonly moreInformation?: readonly AdrBlock[];
}

export interface RenderedAdr {
  readonly fileName: string;
  readonly content: string;
}

/** yyyy-mm-dd naming a day that exists (2026-02-30 does not). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
/** The longest kebab-case title in a file name, so names stay readable in a listing. */
const MAX_SLUG_LENGTH = 60;

/**
 * A record's date from the session record's `createdAt` (an ISO timestamp, UTC): its calendar
 * day, so every run of the same session dates its records alike.
 */
export function adrDate(createdAt: string): string {
  const day = createdAt.slice(0, 10);
  if (!isCalendarDate(day) || !/^\d{4}-\d{2}-\d{2}(?:T|$)/.test(createdAt))
    throw new Error(`session createdAt "${createdAt}" is not an ISO date`);
  return day;
}

/** `Cache-aside: Redis (L2)` -> `cache-aside-redis-l2`: ASCII letters and digits, single dashes. */
export function kebabCase(title: string, maxLength = MAX_SLUG_LENGTH): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (slug.length <= maxLength) return slug || 'decision';
  const cut = slug.slice(0, maxLength + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 0 ? cut.slice(0, lastDash) : slug.slice(0, maxLength)).replace(/-$/, '');
}

/** `NNNN-title-in-kebab-case.md`: four digits at least, so a folder lists in order. */
export function adrFileName(number: number, title: string): string {
  if (!Number.isSafeInteger(number) || number < 0) throw new Error(`ADR number ${number} is not valid`);
  return `${String(number).padStart(4, '0')}-${kebabCase(title)}.md`;
}

/** A record's number from its file name (`0007-use-kafka.md` -> 7), or undefined. */
function adrNumberOf(fileName: string): number | undefined {
  const match = /^(\d{4,})-/.exec(fileName);
  return match ? Number(match[1]) : undefined;
}

/**
 * The numbers for `count` new records in a folder holding `existingFileNames`: they continue after
 * the highest numbered record there (0001-x.md and 0007-y.md give 8, 9, ...), so a number is never
 * reused even where earlier ones were deleted. Names without a number (README.md) are ignored.
 */
export function nextAdrNumbers(existingFileNames: readonly string[], count: number): number[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`cannot number ${count} ADRs`);
  const highest = Math.max(0, ...existingFileNames.map((name) => adrNumberOf(name) ?? 0));
  return Array.from({ length: count }, (_, index) => highest + 1 + index);
}

function block(content: AdrBlock): string {
  return typeof content === 'string'
    ? inline(content)
    : content.map((item) => `- ${inline(item)}`).join('\n');
}

function blocks(content: readonly AdrBlock[]): string[] {
  return content.filter((item) => item.length > 0).map(block);
}

function frontMatter(input: AdrInput): string {
  if (!isCalendarDate(input.date)) throw new Error(`ADR date "${input.date}" is not yyyy-mm-dd`);
  const makers = input.decisionMakers?.map((name) => name.trim()).filter(Boolean) ?? [];
  const data = {
    status: input.status,
    date: input.date,
    ...(makers.length > 0 ? { 'decision-makers': makers } : {}),
  };
  return `---\n${stringify(data, { lineWidth: 0 })}---`;
}

/** `... because X` reads as one sentence: X without a trailing stop, then one stop. */
function sentence(text: string): string {
  const line = inline(text);
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/** MADR's "Good, because ..." / "Bad, because ..." list, as one block (none when both are empty). */
function goodAndBad(good: readonly string[], bad: readonly string[]): string[] {
  const items = [
    ...good.map((item) => `- Good, because ${inline(item)}`),
    ...bad.map((item) => `- Bad, because ${inline(item)}`),
  ];
  return items.length > 0 ? [items.join('\n')] : [];
}

function optionSection(option: AdrOption): string {
  return [
    `### ${headingText(option.label)}`,
    ...blocks([option.summary]),
    ...goodAndBad(option.pros, option.cons),
  ].join('\n\n');
}

/** Options whose headings would read the same are one option (MD024: no duplicate sibling headings). */
function distinctOptions(options: readonly AdrOption[]): AdrOption[] {
  const seen = new Set<string>();
  return options.filter((option) => {
    const key = headingText(option.label).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function renderAdr(input: AdrInput): RenderedAdr {
  const options = distinctOptions(input.options);
  const chosen = headingText(input.chosen.label);
  if (!options.some((option) => headingText(option.label) === chosen))
    throw new Error(`ADR "${input.title}": the chosen option "${chosen}" is not among its options`);
  const consequences = [
    ...blocks(input.consequences.note === undefined ? [] : [input.consequences.note]),
    ...goodAndBad(input.consequences.good, input.consequences.bad),
  ];
  const sections: string[] = [
    frontMatter(input),
    `# ${headingText(input.title)}`,
    '## Context and Problem Statement',
    ...blocks(input.context),
    '## Considered Options',
    options.map((option) => `- ${headingText(option.label)}`).join('\n'),
    '## Decision Outcome',
    `Chosen option: "${chosen}", because ${sentence(input.chosen.because)}`,
    ...(consequences.length > 0 ? ['### Consequences', ...consequences] : []),
    ...(input.confirmation && input.confirmation.length > 0
      ? ['### Confirmation', ...blocks(input.confirmation)]
      : []),
    '## Pros and Cons of the Options',
    ...options.map(optionSection),
    ...(input.moreInformation && input.moreInformation.length > 0
      ? ['## More Information', ...blocks(input.moreInformation)]
      : []),
  ];
  return { fileName: adrFileName(input.number, input.title), content: `${sections.join('\n\n')}\n` };
}

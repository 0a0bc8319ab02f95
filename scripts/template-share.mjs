// How much of each design document is template text: the share of its sentences that, once numbers
// and the document's own names are replaced by placeholders, also occur in another document of the
// set (issue 13, section 6: today 35-51%, the target is under 15%).
//
//   node scripts/template-share.mjs [--files a.md b.md ...] [--json] [--top N] [--max 0.15]
//
// Default input: the snapshot-tested design documents, test/e2e/__snapshots__/*.system_design.md.
// The rule, kept simple on purpose:
// - Sentences come from prose paragraphs, list items, block quotes and table cells (header and
//   body; each cell is split too). Fenced or indented code (```text, ```mermaid) and headings are
//   skipped; nothing else is.
// - A sentence ends at . ! or ? followed by white space (so 11.57/s and e.g. stay whole).
// - Normalising: the title (from `# System Design: X`), the component names (the `#### Name`
//   headings under "### Component Descriptions") and identifiers in backticks (`short_code`,
//   `user_id`: a codespan with no space that holds _ - . or a digit) become <title>, <component>
//   and <id>; then every number with its prefix and unit (1,160/s, ~38,200/s, 10 TB, $4,640,
//   99.99%, 4m 19s, 3x, 2026-11-22) becomes <n>, and a run of <n> joined by spaces, commas, - or
//   "to" becomes one; lower case, white space collapsed, trailing punctuation dropped.
// - Prose, not calculations: a normalised sentence or table cell with fewer than 4 alphabetic words
//   (tokens that hold a letter once placeholders are removed, not counting the multiplication sign
//   "x") is a calculation or a label (`<n> nodes x <n> x <n> = <n>`, `p50 <n>, p99 <n>`, `Peak
//   QPS`) and is not counted: a reader reads it as a figure, not as text.
// - A sentence is template in document D when its normalised form also occurs in another document.
//   Share = template sentences / counted sentences; overall = the same over all documents.
//
// Exit codes follow the CLI's: 0 ok, 1 a share above --max, 64 a usage error, 66 a file not found.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { lexer } from 'marked';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SNAPSHOTS = join(ROOT, 'test', 'e2e', '__snapshots__');
const MIN_WORDS = 4;

function fail(message, code) {
  process.stderr.write(`template-share: ${message}\n`);
  process.exit(code);
}

function parseOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        files: { type: 'boolean' },
        json: { type: 'boolean' },
        top: { type: 'string' },
        max: { type: 'string' },
      },
    });
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}; usage: ${USAGE}`, 64);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0 && values.files !== true) {
    fail(`unexpected argument '${positionals[0]}': name files after --files; usage: ${USAGE}`, 64);
  }
  if (values.files === true && positionals.length === 0)
    fail('--files expects at least one markdown file', 64);
  const top = values.top === undefined ? 0 : Number(values.top);
  if (!Number.isInteger(top) || top < 0) fail(`--top expects a whole number, got '${values.top}'`, 64);
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && !(values.max.trim() !== '' && max >= 0 && max <= 1)) {
    fail(`--max expects a share between 0 and 1 (0.15 for 15%), got '${values.max}'`, 64);
  }
  const files = values.files === true ? positionals.map((path) => ({ path, name: path })) : defaultFiles();
  return { files, json: values.json === true, top, max };
}
const USAGE = 'template-share.mjs [--files a.md b.md ...] [--json] [--top N] [--max 0.15]';

function defaultFiles() {
  return readdirSync(SNAPSHOTS)
    .filter((name) => name.endsWith('.system_design.md'))
    .sort()
    .map((name) => ({ path: join(SNAPSHOTS, name), name: relative(ROOT, join(SNAPSHOTS, name)) }));
}

/** Plain text of inline tokens; identifier-like codespans are collected as the document's names. */
function inlineText(tokens, ids) {
  let text = '';
  for (const token of tokens ?? []) {
    if (token.type === 'codespan') {
      if (/^[\w$][\w$.:-]*$/.test(token.text) && /[_\-.\d]/.test(token.text)) ids.add(token.text);
      text += token.text;
    } else if (token.type === 'br') text += ' ';
    else if (token.type === 'html') continue;
    else if (Array.isArray(token.tokens)) text += inlineText(token.tokens, ids);
    else text += token.text ?? '';
  }
  return text;
}

/** Walks the block tokens: every text unit (paragraph, list item text, table cell) and the names. */
function walk(tokens, doc) {
  for (const token of tokens) {
    if (token.type === 'heading') {
      const text = inlineText(token.tokens, doc.ids).trim();
      if (token.depth === 1 && doc.title === undefined) doc.title = text.replace(/^[^:]*:\s*/, '');
      if (token.depth <= 3) doc.inComponents = token.depth === 3 && /^component descriptions$/i.test(text);
      else if (token.depth === 4 && doc.inComponents) doc.components.add(text);
    } else if (token.type === 'paragraph' || token.type === 'text') {
      doc.units.push(Array.isArray(token.tokens) ? inlineText(token.tokens, doc.ids) : token.text);
    } else if (token.type === 'list') {
      for (const item of token.items) walk(item.tokens, doc);
    } else if (token.type === 'table') {
      for (const cell of [...token.header, ...token.rows.flat()])
        doc.units.push(inlineText(cell.tokens, doc.ids));
    } else if (token.type === 'blockquote') walk(token.tokens, doc);
    // code, hr, space, html, def: not prose.
  }
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const UNIT =
  '(?:\\s?(?:[kKMGTPE]i?B|B|[kKMG]?bit|[kKMG]?bps|ns|µs|us|ms|s|sec|min|h|hr|d|days?|hours?|minutes?|seconds?|months?|years?)\\b)?(?:/[A-Za-z]+\\b)?';
const NUMBER = new RegExp(`[~≈$€£±+]*(?<![\\w.])\\d+(?:[.,:/-]\\d+)*[A-Za-z%]*${UNIT}`, 'g');

/** Normalises one sentence against the document's names (longest first, so `user_id_v2` wins). */
function normalise(sentence, names) {
  let text = sentence;
  for (const [name, placeholder] of names) {
    text = text.replace(new RegExp(`(?<![\\w-])${escape(name)}(?![\\w-])`, 'gi'), placeholder);
  }
  return text
    .replace(NUMBER, '<n>')
    .replace(/<n>(?:[\s,-]+(?:to\s+)?<n>)+/g, '<n>')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.;:,!?]+$/, '')
    .trim();
}

/** Words a reader reads as prose: tokens with a letter once placeholders are removed, except "x". */
function alphabeticWords(text) {
  return text
    .split(' ')
    .map((word) => word.replace(/<(?:n|id|component|title)>/g, ''))
    .filter((word) => /\p{L}/u.test(word) && !/^\W*x\W*$/.test(word)).length;
}

function analyse(markdown) {
  const doc = { title: undefined, components: new Set(), ids: new Set(), units: [], inComponents: false };
  walk(lexer(markdown), doc);
  const names = new Map();
  for (const name of doc.ids) names.set(name.toLowerCase(), [name, '<id>']);
  for (const name of doc.components) names.set(name.toLowerCase(), [name, '<component>']);
  if (doc.title) names.set(doc.title.toLowerCase(), [doc.title, '<title>']);
  const ordered = [...names.values()].sort((a, b) => b[0].length - a[0].length);
  const sentences = [];
  for (const unit of doc.units) {
    for (const raw of unit.split(/(?<=[.!?])(?<!\b(?:e\.g|i\.e|vs|etc|cf)\.)\s+/i)) {
      const sentence = normalise(raw, ordered);
      if (alphabeticWords(sentence) >= MIN_WORDS) sentences.push(sentence);
    }
  }
  return sentences;
}

function report(files, top) {
  const docs = files.map(({ path, name }) => {
    try {
      return { name, sentences: analyse(readFileSync(path, 'utf8')) };
    } catch (error) {
      const code = error?.code === 'ENOENT' || error?.code === 'EISDIR' ? 66 : 74;
      return fail(`${path}: cannot read the markdown file (${error?.code ?? String(error)})`, code);
    }
  });
  const seen = new Map(); // normalised sentence -> { documents: Set of indexes, occurrences }
  docs.forEach((doc, index) => {
    for (const sentence of doc.sentences) {
      const entry = seen.get(sentence) ?? { documents: new Set(), occurrences: 0 };
      entry.documents.add(index);
      entry.occurrences += 1;
      seen.set(sentence, entry);
    }
  });
  const percent = (part, whole) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);
  const rows = docs.map((doc) => {
    const template = doc.sentences.filter((s) => (seen.get(s)?.documents.size ?? 0) > 1).length;
    const sentences = doc.sentences.length;
    return { file: doc.name, sentences, template, sharePercent: percent(template, sentences) };
  });
  const counted = rows.reduce((sum, row) => sum + row.sentences, 0);
  const template = rows.reduce((sum, row) => sum + row.template, 0);
  const repeated = [...seen.entries()]
    .filter(([, entry]) => entry.documents.size > 1)
    .map(([sentence, entry]) => ({
      sentence,
      occurrences: entry.occurrences,
      documents: entry.documents.size,
    }))
    .sort(
      (a, b) =>
        b.occurrences - a.occurrences || b.documents - a.documents || (a.sentence < b.sentence ? -1 : 1),
    )
    .slice(0, top);
  return {
    documents: rows,
    overall: { sentences: counted, template, sharePercent: percent(template, counted) },
    top: repeated,
  };
}

function printText(result, max) {
  const width = Math.max(8, ...result.documents.map((row) => row.file.length));
  const line = (name, sentences, template, share) =>
    `${name.padEnd(width)}  ${String(sentences).padStart(9)}  ${String(template).padStart(8)}  ${share.padStart(6)}`;
  const out = [line('document', 'sentences', 'template', 'share')];
  for (const row of result.documents)
    out.push(line(row.file, row.sentences, row.template, `${row.sharePercent.toFixed(1)}%`));
  const { overall } = result;
  out.push(line('overall', overall.sentences, overall.template, `${overall.sharePercent.toFixed(1)}%`));
  if (max !== undefined) out.push(`target: each document at most ${(max * 100).toFixed(1)}%`);
  if (result.top.length > 0) {
    out.push('', 'most repeated sentences (occurrences, documents):');
    for (const entry of result.top)
      out.push(`${String(entry.occurrences).padStart(4)} ${entry.documents}  ${entry.sentence}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

const options = parseOptions(process.argv.slice(2));
const result = report(options.files, options.top);
if (options.json)
  process.stdout.write(`${JSON.stringify({ ...result, max: options.max ?? null }, null, 2)}\n`);
else printText(result, options.max);
const over = result.documents.filter(
  (row) => options.max !== undefined && row.template > options.max * row.sentences,
);
if (over.length > 0) {
  fail(
    `${over.map((row) => `${row.file} ${row.sharePercent.toFixed(1)}%`).join(', ')} above --max ${options.max}`,
    1,
  );
}

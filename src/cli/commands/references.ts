/**
 * `mlops-design references [ID] [--json]`: the reference guides and the dated tables of numbers,
 * listed, or one rendered in the terminal.
 */
import type { ChalkInstance } from 'chalk';
import type { MarkedExtension } from 'marked';
import { usageError } from '../../errors.js';
import type { Guide } from '../../knowledge/guide.js';
import { loadCompiledKnowledge, withGuideBodies } from '../../knowledge/compiled.js';
import { datedTableMarkdown, datedTables, type DatedTable } from '../../render/dated-tables.js';
import { didYouMean } from '../../lib/suggest.js';
import type { GlobalOptions } from '../options.js';
import { colourEnabled, createOutput } from '../output.js';

export async function runReferences(globals: GlobalOptions, id: string | undefined): Promise<void> {
  const out = createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stdout.isTTY, flag: globals.color }),
    quiet: globals.quiet,
  });
  const knowledge = withGuideBodies(loadCompiledKnowledge());
  const { guides } = knowledge;
  const tables = datedTables(knowledge);
  if (id === undefined) {
    if (globals.json) {
      out.result(
        JSON.stringify(
          {
            guides: guides.map(({ id: guideId, title, components, phases, keywords, sources, words }) => ({
              id: guideId,
              title,
              components,
              phases,
              keywords,
              sources,
              words,
            })),
            tables: tables.map(({ id: tableId, title, file, updated, rows }) => ({
              id: tableId,
              title,
              file,
              updated,
              rows: rows.length,
            })),
          },
          null,
          2,
        ),
      );
      return;
    }
    for (const guide of guides) {
      out.result(
        `${out.style.cyan(guide.id.padEnd(28))} ${guide.title}  [${guide.components.join(', ')}; ${guide.phases.join(', ')}]`,
      );
    }
    out.result('\nDated tables of numbers:');
    for (const dated of tables) {
      out.result(
        `${out.style.cyan(dated.id.padEnd(28))} ${dated.title}  [${String(dated.rows.length)} rows, updated ${dated.updated}]`,
      );
    }
    return;
  }
  const found: Guide | DatedTable | undefined =
    guides.find((candidate) => candidate.id === id) ?? tables.find((candidate) => candidate.id === id);
  if (!found) {
    throw usageError(
      `no reference guide or table "${id}"${didYouMean(id, [
        ...guides.map((candidate) => candidate.id),
        ...tables.map((candidate) => candidate.id),
      ])}`,
      'List them with: mlops-design references',
    );
  }
  if (globals.json) {
    out.result(JSON.stringify(found, null, 2));
    return;
  }
  out.result(await render('body' in found ? guideMarkdown(found) : datedTableMarkdown(found), out.style));
}

function guideMarkdown(guide: Guide): string {
  const sources = guide.sources
    .map((source) => `- ${source.title} (consulted ${source.consulted})`)
    .join('\n');
  return `${guide.body.trim()}\n\n## Sources\n\n${sources}\n`;
}

/**
 * marked-terminal styles with its own chalk, which does not know --no-color; every style here comes
 * from the project's own switch (a chalk at level 0 returns text unchanged), tables included.
 */
async function render(markdown: string, style: ChalkInstance): Promise<string> {
  const [{ Marked }, { markedTerminal }] = await Promise.all([import('marked'), import('marked-terminal')]);
  const plain = style.level === 0;
  // @types/marked-terminal describes an older marked; at run time it returns a marked extension.
  const extension = markedTerminal({
    code: style.yellow,
    blockquote: style.gray.italic,
    html: style.gray,
    heading: style.green.bold,
    firstHeading: style.magenta.underline.bold,
    hr: style.reset,
    listitem: style.reset,
    table: style.reset,
    paragraph: style.reset,
    strong: style.bold,
    em: style.italic,
    codespan: style.yellow,
    del: style.dim.gray.strikethrough,
    link: style.blue,
    href: style.blue.underline,
    text: style.reset,
    emoji: false,
    reflowText: true,
    width: Math.min(process.stdout.columns || 100, 100),
    tableOptions: plain ? { style: { head: [], border: [] } } : {},
  }) as unknown as MarkedExtension;
  const marked = new Marked(extension);
  return (await marked.parse(markdown)).trimEnd();
}

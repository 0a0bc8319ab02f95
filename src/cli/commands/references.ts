/** `mlops-design references [ID] [--json]`: the reference guides, listed or rendered in the terminal. */
import type { ChalkInstance } from 'chalk';
import type { MarkedExtension } from 'marked';
import { usageError } from '../../errors.js';
import type { Guide } from '../../knowledge/guide.js';
import { loadCompiledKnowledge, withGuideBodies } from '../../knowledge/compiled.js';
import { didYouMean } from '../../lib/suggest.js';
import type { GlobalOptions } from '../options.js';
import { colourEnabled, createOutput } from '../output.js';

export async function runReferences(globals: GlobalOptions, id: string | undefined): Promise<void> {
  const out = createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stdout.isTTY, flag: globals.color }),
    quiet: globals.quiet,
  });
  const { guides } = withGuideBodies(loadCompiledKnowledge());
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
    return;
  }
  const guide = guides.find((candidate) => candidate.id === id);
  if (!guide) {
    throw usageError(
      `no reference guide "${id}"${didYouMean(
        id,
        guides.map((candidate) => candidate.id),
      )}`,
      'List them with: mlops-design references',
    );
  }
  if (globals.json) {
    out.result(JSON.stringify(guide, null, 2));
    return;
  }
  out.result(await render(guide, out.style));
}

/**
 * marked-terminal styles with its own chalk, which does not know --no-color; every style here comes
 * from the project's own switch (a chalk at level 0 returns text unchanged), tables included.
 */
async function render(guide: Guide, style: ChalkInstance): Promise<string> {
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
  const sources = guide.sources
    .map((source) => `- ${source.title} (consulted ${source.consulted})`)
    .join('\n');
  return (await marked.parse(`${guide.body.trim()}\n\n## Sources\n\n${sources}\n`)).trimEnd();
}

/** Small, pure markdown builders shared by the renderers. */
import { tableCell } from './markdown-inline.js';

/** Fill {{name}} placeholders; a missing value is a bug in the renderer, not in the user's input. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template placeholder {{${name}}} has no value`);
    return value.trim();
  });
  return `${filled.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** A table cell's markdown on one line, its pipes escaped (see markdown-inline.ts). */
export const cell = tableCell;

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item.replace(/\r?\n/g, ' ').trim()}`).join('\n');
}

export function section(heading: string, body: string): string {
  return `${heading}\n\n${body.trim()}`;
}

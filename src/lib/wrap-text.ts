/**
 * Prose on stderr wrapped at word boundaries to the terminal's width (wrap-ansi: it measures wide
 * characters and keeps colour codes intact across the break). A line keeps its indentation, and a
 * bullet's text ("+ ", "- ", "1. ") hangs under its first word. A word longer than a line is left
 * whole for the terminal to fold: cutting it would be worse.
 */
import wrapAnsi from 'wrap-ansi';

/** stderr's columns at a terminal; 80 when stderr is not one (a log, a pipe). */
export function terminalWidth(
  stream: { readonly isTTY?: boolean; readonly columns?: number } = process.stderr,
): number {
  return stream.isTTY && stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
}

const MIN_TEXT = 20;

/** Wraps every line of `text` to `width` columns, keeping indentation and hanging bullets. */
export function wrapProse(text: string, width: number = terminalWidth()): string {
  return text
    .split('\n')
    .map((line) => {
      const lead = /^(\s*(?:[-+*•]\s+|\d+[.)]\s+)?)/.exec(line)?.[1] ?? '';
      const body = line.slice(lead.length);
      const room = Math.max(MIN_TEXT, width - lead.length);
      if (lead.length + body.length <= width) return line;
      const hang = ' '.repeat(lead.length);
      return wrapAnsi(body, room, { hard: false, trim: true })
        .split('\n')
        .map((part, index) => (index === 0 ? lead : hang) + part)
        .join('\n');
    })
    .join('\n');
}

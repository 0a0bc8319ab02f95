/**
 * A spinner on stderr while a model request is outstanding, and the model's prose as it streams;
 * nothing at all when stderr is not a terminal. Written through the one writer: the control bytes
 * are the program's own, the prose is outside text and is sanitised.
 */
import type { Terminal } from './terminal-io.js';

type TtyInfo = Partial<Pick<NodeJS.WriteStream, 'isTTY' | 'columns'>>;
const isTerminal = (io: Terminal): boolean => (io.stream('stderr') as TtyInfo).isTTY === true;

export function spinner(io: Terminal, enabled: boolean): (waiting: boolean) => void {
  const frames = ['|', '/', '-', '\\'];
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  return (waiting) => {
    if (!enabled || !isTerminal(io)) return;
    if (waiting && !timer) {
      timer = setInterval(() => {
        io.control('stderr', `\r${frames[frame++ % frames.length] ?? ''} thinking`);
      }, 100);
    } else if (!waiting && timer) {
      clearInterval(timer);
      timer = undefined;
      io.control('stderr', '\r\u001b[K');
    }
  };
}

/**
 * Prose as it streams, shown as a dim preview on a terminal and cleared when the answer is complete
 * (the validated answer is then printed in full). Nothing at all when stderr is not a terminal.
 */
export function prosePreview(
  io: Terminal,
  enabled: boolean,
  beforeFirst: () => void,
): (text: string | null) => void {
  let rows = 0;
  let column = 0;
  let started = false;
  return (text) => {
    if (!enabled || !isTerminal(io)) return;
    const columns = (io.stream('stderr') as TtyInfo).columns ?? 0;
    const width = columns > 0 ? columns : 80;
    if (text === null) {
      if (started) io.control('stderr', `\r${rows > 0 ? `\u001b[${rows}A` : ''}\u001b[J`);
      rows = 0;
      column = 0;
      started = false;
      return;
    }
    if (!started) {
      beforeFirst();
      started = true;
    }
    for (const char of text) {
      if (char === '\n' || column + 1 >= width) {
        rows += 1;
        column = 0;
      } else {
        column += 1;
      }
    }
    io.control('stderr', '\u001b[2m');
    io.text('stderr', text);
    io.control('stderr', '\u001b[22m');
  };
}

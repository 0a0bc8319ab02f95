/** A spinner on stderr while a model request is outstanding; nothing at all when stderr is not a terminal. */
export function spinner(stream: NodeJS.WriteStream, enabled: boolean): (waiting: boolean) => void {
  const frames = ['|', '/', '-', '\\'];
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  return (waiting) => {
    if (!enabled || !stream.isTTY) return;
    if (waiting && !timer) {
      timer = setInterval(() => {
        stream.write(`\r${frames[frame++ % frames.length] ?? ''} thinking`);
      }, 100);
    } else if (!waiting && timer) {
      clearInterval(timer);
      timer = undefined;
      stream.write('\r\u001b[K');
    }
  };
}

/**
 * Prose as it streams, shown as a dim preview on a terminal and cleared when the answer is complete
 * (the validated answer is then printed in full). Nothing at all when stderr is not a terminal.
 */
export function prosePreview(
  stream: NodeJS.WriteStream,
  enabled: boolean,
  beforeFirst: () => void,
): (text: string | null) => void {
  let rows = 0;
  let column = 0;
  let started = false;
  return (text) => {
    if (!enabled || !stream.isTTY) return;
    const width = stream.columns > 0 ? stream.columns : 80;
    if (text === null) {
      if (started) stream.write(`\r${rows > 0 ? `\u001b[${rows}A` : ''}\u001b[J`);
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
    stream.write(`\u001b[2m${text}\u001b[22m`);
  };
}

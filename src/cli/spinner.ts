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

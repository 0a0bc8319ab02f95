/**
 * The one writer over real Writable streams: what reaches a stream, and the exit code a stream's
 * failure leads to (a closed reader keeps the code, any other failure is 74, a command's own failure
 * keeps its code).
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTerminal } from '../../src/cli/terminal-io.js';

/** A stream that keeps what it is given, or fails every write with `code`. */
function stream(code?: string): Writable & { text: () => string } {
  const chunks: string[] = [];
  const writable = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (code === undefined) {
        chunks.push(chunk.toString());
        callback();
      } else callback(Object.assign(new Error(`write ${code}`), { code }));
    },
  });
  return Object.assign(writable, { text: () => chunks.join('') });
}

const KEY = 'sk-ant-api03-unit-test-key-0123456789';

describe('createTerminal', () => {
  it('sanitises and redacts every line; keeps colour codes only when asked', async () => {
    const stdout = stream();
    const stderr = stream();
    const io = createTerminal({ stdout, stderr }, ['MY-SECRET-TOKEN']);
    io.line('stdout', `a\u001b]52;c;Zm9v\u0007b ${KEY} MY-SECRET-TOKEN`);
    io.line('stderr', '\u001b[31mred\u001b[39m\u001b[2J', { colour: true });
    io.line('stderr', '\u001b[31mred\u001b[39m', { colour: false });
    expect(await io.finish(0)).toBe(0);
    expect(stdout.text()).toBe('ab [redacted] [redacted]\n');
    expect(stderr.text()).toBe('\u001b[31mred\u001b[39m\nred\n');
  });

  it('a secret split by colour codes loses the colour and is redacted', async () => {
    const stderr = stream();
    const io = createTerminal({ stdout: stream(), stderr }, ['MY-SECRET-TOKEN']);
    io.line('stderr', 'MY-SECRET\u001b[31m-TOKEN', { colour: true });
    await io.flush();
    expect(stderr.text()).toBe('[redacted]\n');
  });

  it('stdout full: later writes are dropped, one line on stderr, exit 74', async () => {
    const stdout = stream('ENOSPC');
    const stderr = stream();
    const io = createTerminal({ stdout, stderr });
    io.line('stdout', 'one');
    io.line('stdout', 'two');
    expect(await io.finish(0)).toBe(74);
    expect(io.writable('stdout')).toBe(false);
    expect(stderr.text()).toBe(
      'mlops-design: cannot write to standard output (ENOSPC); the results printed there are incomplete\n',
    );
  });

  it('a closed reader (EPIPE) keeps the exit code and says nothing', async () => {
    const stderr = stream();
    const io = createTerminal({ stdout: stream('EPIPE'), stderr });
    io.line('stdout', 'one');
    expect(await io.finish(0)).toBe(0);
    expect(stderr.text()).toBe('');
  });

  it('stderr broken: exit 74 at the end, silently; a command failure keeps its own code', async () => {
    const stdout = stream();
    const io = createTerminal({ stdout, stderr: stream('EIO') });
    io.line('stderr', 'progress');
    io.line('stdout', 'result');
    expect(await io.finish(0)).toBe(74);
    expect(stdout.text()).toBe('result\n');
    const failed = createTerminal({ stdout: stream('ENOSPC'), stderr: stream() });
    failed.line('stdout', 'x');
    expect(await failed.finish(65)).toBe(65);
  });
});

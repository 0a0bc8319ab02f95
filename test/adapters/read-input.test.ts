// Reading outside files on a real file system: only regular files (or links to one), never more
// than the limit, whatever stat says; a FIFO is refused without waiting for a writer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readInputFile, readRegularFile } from '../../src/lib/read-input.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlops-design-read-input-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readRegularFile', () => {
  it('reads a file of exactly the limit, and refuses one byte more', () => {
    writeFileSync(join(dir, 'ten'), '0123456789');
    writeFileSync(join(dir, 'eleven'), '0123456789!');
    const ten = readRegularFile(join(dir, 'ten'), 10);
    expect(ten.ok ? ten.bytes.toString('utf8') : ten.problem).toBe('0123456789');
    expect(readRegularFile(join(dir, 'eleven'), 10)).toEqual({
      ok: false,
      problem: { kind: 'too-large', limit: 10 },
    });
  });

  it('follows a link to a regular file', () => {
    writeFileSync(join(dir, 'real.yaml'), 'a: 1\n');
    symlinkSync('real.yaml', join(dir, 'link.yaml'));
    expect(readInputFile(join(dir, 'link.yaml'), 'answers file')).toBe('a: 1\n');
  });

  it.each([
    ['/dev/zero', '/dev/zero', 'a character device'],
    ['a link to /dev/urandom', 'urandom-link', 'a character device'],
    ['a FIFO with no writer', 'fifo', 'a FIFO'],
    ['a directory', '.', 'a directory'],
  ])('%s is named, not read', (_, name, is) => {
    symlinkSync('/dev/urandom', join(dir, 'urandom-link'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const path = name.startsWith('/') ? name : join(dir, name);
    expect(readRegularFile(path, 1_000)).toEqual({ ok: false, problem: { kind: 'not-regular', is } });
  });

  it('exit codes: 65 for a device, 66 for a directory (as before) and for a missing file', () => {
    const code = (path: string): unknown => {
      try {
        readInputFile(path, 'answers file');
        return 0;
      } catch (error) {
        return (error as { exitCode?: number }).exitCode;
      }
    };
    expect(code('/dev/zero')).toBe(65);
    expect(code(dir)).toBe(66);
    expect(code(join(dir, 'missing.yaml'))).toBe(66);
  });
});

// The executable as npx runs it: directly, through its shebang, which needs the executable bit
// that every build must keep (tsc writes files without it).
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, assertBuilt } from './support/run-cli.js';

beforeAll(() => {
  assertBuilt();
});

describe('dist/bin.js', () => {
  it('is executable and starts with a node shebang', () => {
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('runs directly and prints the package version', async () => {
    const { stdout } = await promisify(execFile)(BIN, ['--version'], { cwd: ROOT });
    const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
    expect(stdout).toBe(`${manifest.version}\n`);
  });
});

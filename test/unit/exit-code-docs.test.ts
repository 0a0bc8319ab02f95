/**
 * The exit-code contract is written in three places: src/errors.ts (what the program does),
 * README.md's table (what users read) and ../shared/DESIGN.md (the product contract). They must list
 * the same codes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DESIGN = `${ROOT}../shared/DESIGN.md`;
const codes = [...new Set(Object.values(ExitCode))].sort((a, b) => a - b);

function readmeTable(): number[] {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const section = /^## Exit codes\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  return [...section.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
}

describe('exit codes are documented as implemented', () => {
  it("README's table lists every code of src/errors.ts once, in order", () => {
    expect(readmeTable()).toEqual(codes);
  });

  it.skipIf(!existsSync(DESIGN))('DESIGN.md lists the same codes', () => {
    const design = readFileSync(DESIGN, 'utf8');
    const paragraph = /- Exit codes: ([\s\S]*?)\n- /.exec(design)?.[1] ?? '';
    const listed = [...paragraph.matchAll(/(?:^|[;:]\s+)(\d+)\s/g)].map((match) => Number(match[1]));
    expect(listed).toEqual(codes);
  });
});

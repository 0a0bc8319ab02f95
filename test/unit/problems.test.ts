/**
 * The interview problem bank: every problem validates, its id matches its file, its scale numbers
 * are a valid estimate spec the engine can compute, and the bank covers the required problems.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateFromSpec } from '../../src/estimation/index.js';
import { specFromSnake } from '../../src/estimation/spec-fields.js';
import { engineTables } from '../../src/knowledge/engine-tables.js';
import { parseProblem, type Problem } from '../../src/knowledge/problems.js';
import { bundledKnowledge } from '../support/design-state.js';
import { error, value } from '../support/results.js';

const DIR = new URL('../../references/problems/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort();
const load = (name: string): Problem => value(parseProblem(name, readFileSync(new URL(name, DIR), 'utf8')));

describe.each(FILES)('references/problems/%s', (name) => {
  it('validates, and its scale numbers are an estimate the engine computes', () => {
    const problem = load(name);
    const spec = value(specFromSnake(problem.scale.numbers));
    const result = estimateFromSpec(spec, engineTables(bundledKnowledge()));
    expect(result.ok, result.ok ? '' : result.error).toBe(true);
  });
});

describe('the problem bank', () => {
  it('rejects a problem whose id does not match its file, naming both', () => {
    const text = readFileSync(new URL('url-shortener.yaml', DIR), 'utf8');
    expect(error(parseProblem('chat.yaml', text))).toBe(
      'chat.yaml: id "url-shortener" does not match the file name',
    );
    expect(error(parseProblem('url-shortener.yaml', text.replace('level: mid', 'level: junior')))).toMatch(
      /^url-shortener\.yaml: level: /,
    );
    const broken = error(parseProblem('chat.yaml', 'id: chat\ntitle: [unclosed\n'));
    expect(broken).toMatch(/^chat\.yaml: not valid YAML: \S/);
    expect(broken).not.toContain('\n');
  });
});

/**
 * The interview problem bank: every problem validates, its id matches its file, its scale numbers
 * are a valid estimate spec the engine can compute, its components are its archetype's (plus its
 * extras, minus its skips), and a problem that names an unknown archetype or component is refused.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { estimateFromSpec } from '../../src/estimation/index.js';
import { specFromSnake } from '../../src/estimation/spec-fields.js';
import { engineTables } from '../../src/knowledge/engine-tables.js';
import { loadProblems } from '../../src/knowledge/load.js';
import { parseProblem, type Problem } from '../../src/knowledge/problems.js';
import { bundledKnowledge } from '../support/design-state.js';
import { error, value } from '../support/results.js';

const DIR = new URL('../../references/problems/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort();
const { archetypes } = bundledKnowledge();
const source = (name: string): string => readFileSync(new URL(name, DIR), 'utf8');
const load = (name: string): Problem => value(parseProblem(name, source(name), archetypes));
const ids = (problem: Problem): string[] => problem.components.map((component) => component.id);

/** What the problem file says, read as plain YAML: the test's own reading, not the parser's. */
interface ProblemFile {
  archetype?: string;
  archetypes?: string[];
  components_extra?: { id: string; keywords: string[] }[];
  components_skip?: string[];
  components?: { id: string }[];
}
const raw = (name: string): ProblemFile => parseYaml(source(name)) as ProblemFile;

describe.each(FILES)('references/problems/%s', (name) => {
  it('validates, and its scale numbers are an estimate the engine computes', () => {
    const problem = load(name);
    const spec = value(specFromSnake(problem.scale.numbers));
    const result = estimateFromSpec(spec, engineTables(bundledKnowledge()));
    expect(result.ok, result.ok ? '' : result.error).toBe(true);
  });

  it("expects its archetypes' core and own components, plus its extras, minus its skips", () => {
    const file = raw(name);
    const named = file.archetypes ?? (file.archetype === undefined ? [] : [file.archetype]);
    const problem = load(name);
    expect(problem.archetypes).toEqual(named);
    if (named.length === 0) {
      expect(ids(problem)).toEqual(file.components?.map((component) => component.id));
      expect(source(name)).toMatch(/^# No archetype fits/m);
      return;
    }
    const inherited = named.flatMap((id) => {
      const archetype = archetypes.find((candidate) => candidate.id === id);
      if (!archetype) throw new Error(`${name}: no archetype ${id}`);
      return [
        ...Object.keys(archetype.core),
        ...archetype.components.filter((c) => c.serving !== 'batch').map((c) => c.id),
      ];
    });
    const skip = file.components_skip ?? [];
    expect(ids(problem)).toEqual([
      ...new Set(inherited.filter((id) => !skip.includes(id))),
      ...(file.components_extra ?? []).map((extra) => extra.id),
    ]);
    // The words come from the archetype: the problem file lists none of its own for inherited ones.
    for (const component of problem.components) {
      const extra = file.components_extra?.find((candidate) => candidate.id === component.id);
      const owners = named
        .map((id) => archetypes.find((candidate) => candidate.id === id))
        .map((archetype) =>
          component.id in (archetype?.core ?? {})
            ? archetype?.core[component.id as keyof typeof archetype.core]?.keywords
            : archetype?.components.find((c) => c.id === component.id)?.keywords,
        )
        .filter((keywords) => keywords !== undefined);
      expect(component.keywords).toEqual(extra ? extra.keywords : [...new Set(owners.flat())]);
    }
  });
});

describe('components from the archetypes', () => {
  it("the URL shortener expects the key-value lookup archetype's components, link scanning included", () => {
    const problem = load('url-shortener.yaml');
    expect(problem.archetypes).toEqual(['key-value-lookup']);
    expect(ids(problem)).toEqual([
      'app',
      'datastore',
      'cache',
      'id-generator',
      'link-scanner',
      'click-stream',
      'click-analytics',
    ]);
    expect(problem.components[1]).toEqual({
      id: 'datastore',
      name: 'Link store (key-value, partitioned by short code)',
      keywords: expect.arrayContaining(['dynamodb', 'database', 'partition key']) as unknown,
    });
  });

  it('a composed problem takes a shared component once, under the first archetype, with the words of both', () => {
    const problem = load('search-ranking.yaml');
    expect(problem.archetypes).toEqual(['search-autocomplete', 'recommendations']);
    expect(ids(problem)).toEqual([
      'app',
      'cache',
      'search-index',
      'candidate-index',
      'ranker',
      'feedback-log',
      'training',
      'registry',
      'features',
      'fallback',
    ]);
    const app = problem.components.find((component) => component.id === 'app');
    expect(app?.name).toBe('Query service');
    expect(app?.keywords).toEqual(expect.arrayContaining(['query understanding', 'business rules']));
  });

  it('an online problem leaves out the components that exist only in batch serving', () => {
    expect(ids(load('fraud-scoring.yaml'))).not.toContain('precompute');
    const batch = source('fraud-scoring.yaml').replace(
      'archetype: online-inference',
      'archetype: online-inference\nserving: batch',
    );
    const scored = ids(value(parseProblem('fraud-scoring.yaml', batch, archetypes)));
    expect(scored).toContain('precompute');
    expect(scored).not.toContain('model-server');
  });
});

describe('a problem that names what does not exist is refused in one line, naming the file and the key', () => {
  const url = source('url-shortener.yaml');
  const refused = (text: string): string => error(parseProblem('url-shortener.yaml', text, archetypes));
  /** The URL shortener with more lines after its archetype. */
  const adding = (lines: string): string =>
    url.replace('archetype: key-value-lookup', `archetype: key-value-lookup\n${lines}`);

  it('an unknown archetype', () => {
    const message = refused(url.replace('archetype: key-value-lookup', 'archetype: key-value-store'));
    expect(message).toMatch(
      /^url-shortener\.yaml: archetype: unknown archetype "key-value-store"; expected one of batch-scoring, /,
    );
    expect(message).not.toContain('\n');
    expect(
      refused(url.replace('archetype: key-value-lookup', 'archetypes: [key-value-lookup, ledger]')),
    ).toMatch(/^url-shortener\.yaml: archetypes\[1\]: unknown archetype "ledger"; /);
  });

  it('a skip or an extra that names nothing, or an extra that is already there', () => {
    expect(refused(adding('components_skip: [link-scaner]'))).toBe(
      'url-shortener.yaml: components_skip: "link-scaner" names no component of archetype key-value-lookup',
    );
    expect(refused(adding('components_extra:\n  - {id: cache, name: CDN, keywords: [cdn, edge]}'))).toBe(
      'url-shortener.yaml: components_extra: "cache" is already a component of archetype key-value-lookup',
    );
  });

  it('an own list beside an archetype, or neither', () => {
    expect(refused(adding('components:\n  - {id: api, name: API, keywords: [api, rest]}'))).toBe(
      'url-shortener.yaml: components: the list comes from archetype key-value-lookup; use components_extra or components_skip',
    );
    expect(refused(url.replace('archetype: key-value-lookup\n', ''))).toBe(
      'url-shortener.yaml: archetype: expected the id of an archetype (references/archetypes/), or a components list',
    );
  });

  it('the bank loader refuses it as a broken install, naming the file under references/problems/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-design-problems-'));
    try {
      writeFileSync(join(dir, 'url-shortener.yaml'), url.replace('key-value-lookup', 'kv'));
      let thrown: unknown;
      try {
        loadProblems(`${dir}/`, archetypes);
      } catch (caught) {
        thrown = caught;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as AppError).message).toMatch(
        /^A bundled interview problem is malformed: references\/problems\/url-shortener\.yaml: archetype: unknown archetype "kv"; /,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the problem bank', () => {
  it('rejects a problem whose id does not match its file, naming both', () => {
    const text = readFileSync(new URL('url-shortener.yaml', DIR), 'utf8');
    expect(error(parseProblem('chat.yaml', text, archetypes))).toBe(
      'chat.yaml: id "url-shortener" does not match the file name',
    );
    expect(
      error(parseProblem('url-shortener.yaml', text.replace('level: mid', 'level: junior'), archetypes)),
    ).toMatch(/^url-shortener\.yaml: level: /);
    const broken = error(parseProblem('chat.yaml', 'id: chat\ntitle: [unclosed\n', archetypes));
    expect(broken).toMatch(/^chat\.yaml: not valid YAML: \S/);
    expect(broken).not.toContain('\n');
  });
});

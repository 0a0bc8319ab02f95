// The writer's pure parts: which artifact paths are accepted, containment, numbered backups, the
// structured-artifact helpers and the manifest. No file system here (see test/adapters/write-artifacts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { jsonArtifact, yamlArtifact } from '../../src/output/artifacts.js';
import { nextManifest, parseManifest, sha256 } from '../../src/output/manifest.js';
import {
  artifactPath,
  backupsOf,
  besideShown,
  isInside,
  nextBackupName,
  parentsOf,
  tempName,
} from '../../src/output/plan.js';
import { error, value } from '../support/results.js';

describe('artifactPath', () => {
  it.each([
    ['system_design.md', 'system_design.md'],
    ['adr/0001-datastore.md', 'adr/0001-datastore.md'],
    ['./adr//0001.md', 'adr/0001.md'],
    ['adr/../system_design.md', 'system_design.md'],
    ['manifests/serving/deployment.yaml', 'manifests/serving/deployment.yaml'],
    ['.mlops-designer.md', '.mlops-designer.md'],
  ])('accepts %s as %s', (path, normal) => {
    expect(value(artifactPath(path))).toBe(normal);
  });

  it.each([
    ['', 'an empty path'],
    ['/etc/passwd', 'an absolute path'],
    ['C:/Windows/win.ini', 'an absolute path'],
    ['..', 'a path that resolves outside --out'],
    ['../outside.md', 'a path that resolves outside --out'],
    ['adr/../../outside.md', 'a path that resolves outside --out'],
    ['adr\\..\\..\\outside.md', 'a path with a backslash (paths use "/")'],
    ['a\0b.md', 'a path with a NUL byte'],
    ['.', 'a directory, not a file'],
    ['adr/', 'a directory, not a file'],
    ['.mlops-design/manifest.json', "a path reserved for mlops-design's own records (.mlops-design)"],
    ['.mlops-design', "a path reserved for mlops-design's own records (.mlops-design)"],
    ['.mlops-design.lock', "a path reserved for mlops-design's own records (.mlops-design)"],
  ])('refuses %j: %s', (path, why) => {
    expect(error(artifactPath(path))).toBe(why);
  });

  it('never accepts a path whose normal form leaves the directory (property)', () => {
    const segment = fc.constantFrom('..', '.', 'a', 'b', '', 'c.md');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 8 }), (segments) => {
        const planned = artifactPath(segments.join('/'));
        if (!planned.ok) return;
        expect(planned.value.split('/')).not.toContain('..');
        expect(isInside('/out', `/out/${planned.value}`)).toBe(true);
      }),
    );
  });
});

describe('isInside', () => {
  it.each([
    ['/out', '/out', true],
    ['/out', '/out/a/b.md', true],
    ['/out', '/out/..a', true],
    ['/out', '/outside', false],
    ['/out', '/', false],
    ['/out/a', '/out', false],
    ['/out', '/other/out', false],
  ])('%s holds %s: %s', (root, candidate, inside) => {
    expect(isInside(root, candidate)).toBe(inside);
  });
});

describe('names', () => {
  it('parentsOf lists the directories between --out and the file, outermost first', () => {
    expect(parentsOf('system_design.md')).toEqual([]);
    expect(parentsOf('a/b/c.md')).toEqual(['a', 'a/b']);
  });

  it('nextBackupName counts past the highest backup, never reusing a number', () => {
    expect(nextBackupName('system_design.md', [])).toBe('system_design.md.~1~');
    expect(nextBackupName('system_design.md', ['system_design.md', 'system_design.md.~1~'])).toBe(
      'system_design.md.~2~',
    );
    // A gap is not filled: .~2~ was removed, perhaps on purpose, and is not given out again.
    expect(nextBackupName('system_design.md', ['system_design.md.~1~', 'system_design.md.~3~'])).toBe(
      'system_design.md.~4~',
    );
    expect(nextBackupName('a.md', ['b.md.~7~', 'a.md.~x~', 'a.md.~0~', 'a.md.bak'])).toBe('a.md.~1~');
  });

  it('backupsOf finds only the numbered backups of that file', () => {
    expect(backupsOf('a.md', ['a.md', 'a.md.~1~', 'a.md.~12~', 'aa.md.~2~', 'a.md.~1~.tmp'])).toEqual([
      'a.md.~1~',
      'a.md.~12~',
    ]);
  });

  it('temporary files are hidden and end in .tmp; backups are named as --out was given', () => {
    expect(tempName('system_design.md', 'ab12')).toBe('.system_design.md.ab12.tmp');
    expect(besideShown('out/adr/0001.md', '/real/out/adr/0001.md.~1~')).toBe('out/adr/0001.md.~1~');
  });
});

describe('structured artifacts are serialised by their libraries', () => {
  const tricky = {
    yes: 'yes',
    no: 'no',
    number: '1e3',
    colon: 'key: value',
    comment: '# not a comment',
    leading: '  spaced',
    multiline: 'line one\nline two\n',
    quote: 'it\'s "quoted"',
    nothing: null,
    list: ['- item', '*alias', '&anchor', '!tag'],
    nested: { 'a key: with colon': [1, 2.5, true] },
  };

  it('a YAML artifact parses back to the same value, tricky strings and all', () => {
    const artifact = yamlArtifact('manifests/tracking.yaml', tricky);
    expect(artifact.path).toBe('manifests/tracking.yaml');
    expect(artifact.content.endsWith('\n')).toBe(true);
    expect(parseYaml(artifact.content)).toEqual(tricky);
  });

  it('a JSON artifact parses back to the same value and ends with a newline', () => {
    const artifact = jsonArtifact('dashboard.json', tricky);
    expect(artifact.content).toBe(`${JSON.stringify(tricky, null, 2)}\n`);
    expect(JSON.parse(artifact.content)).toEqual(tricky);
  });

  it('any JSON value survives both (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (data) => {
        const normal = JSON.parse(JSON.stringify(data)) as unknown;
        expect(parseYaml(yamlArtifact('x.yaml', normal).content)).toEqual(normal);
        expect(JSON.parse(jsonArtifact('x.json', normal).content)).toEqual(normal);
      }),
    );
  });

  it('a value JSON cannot hold is refused, naming the artifact', () => {
    expect(() => jsonArtifact('x.json', undefined)).toThrow('x.json: the value cannot be written as JSON');
  });
});

describe('the manifest', () => {
  it('records the sha256 of each written file, keeps earlier entries, and parses back', () => {
    const earlier = new Map([['pipeline_architecture.md', sha256('old pipeline')]]);
    const artifact = nextManifest(earlier, [{ path: 'system_design.md', content: 'the design\n' }]);
    expect(artifact.path).toBe('.mlops-design/manifest.json');
    const parsed = value(parseManifest(artifact.content));
    expect([...parsed]).toEqual([
      ['pipeline_architecture.md', sha256('old pipeline')],
      ['system_design.md', sha256('the design\n')],
    ]);
    expect(sha256('the design\n')).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['not JSON', '{', 'not valid JSON'],
    ['another schema', '{"schema":"x","files":{}}', 'schema: '],
    [
      'a bad hash',
      '{"schema":"mlops-design/manifest@1","files":{"a.md":{"sha256":"xyz"}}}',
      'files.a.md.sha256: ',
    ],
  ])('refuses %s', (_name, text, problem) => {
    expect(error(parseManifest(text))).toContain(problem);
  });
});

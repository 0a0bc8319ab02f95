import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ProposalOption, SessionState } from '../../src/protocol/types.js';
import {
  adrDate,
  adrFileName,
  kebabCase,
  nextAdrNumbers,
  renderAdr,
  type AdrInput,
  type RenderedAdr,
} from '../../src/render/adr.js';
import { designAdrDrafts, renderDesignAdrs } from '../../src/render/adr-input.js';
import { EXAMPLES, examplePath, markdownlint, type ExampleName } from '../e2e/support/run-cli.js';
import { finishedDesign, finishedFromFile } from '../support/design-state.js';
import { htmlText, markdownHtml } from '../support/markdown-text.js';

const DATE = '2026-03-14';

const INPUT: AdrInput = {
  number: 3,
  title: 'Caching: Cache-aside with Redis',
  date: DATE,
  status: 'accepted',
  context: ['Reads outnumber writes 10:1.', 'Should reads go through a cache?', ['Latency: P99 200ms']],
  options: [
    {
      label: 'Cache-aside with Redis',
      summary: 'Reads check the cache first.',
      pros: ['fast hits'],
      cons: ['invalidation'],
    },
    { label: 'No cache', summary: 'Every read goes to the datastore.', pros: ['one less system'], cons: [] },
  ],
  chosen: { label: 'Cache-aside with Redis', because: 'at 10:1 most reads are hits' },
  consequences: { good: ['fast hits'], bad: ['invalidation'] },
  moreInformation: ['"No cache" wins instead when reads are few.', ['Peak read QPS: ~347/s']],
};

const EXPECTED = `---
status: accepted
date: 2026-03-14
---

# Caching: Cache-aside with Redis

## Context and Problem Statement

Reads outnumber writes 10:1.

Should reads go through a cache?

- Latency: P99 200ms

## Considered Options

- Cache-aside with Redis
- No cache

## Decision Outcome

Chosen option: "Cache-aside with Redis", because at 10:1 most reads are hits.

### Consequences

- Good, because fast hits
- Bad, because invalidation

## Pros and Cons of the Options

### Cache-aside with Redis

Reads check the cache first.

- Good, because fast hits
- Bad, because invalidation

### No cache

Every read goes to the datastore.

- Good, because one less system

## More Information

"No cache" wins instead when reads are few.

- Peak read QPS: ~347/s
`;

/** The MADR 4.0 headings every generated record carries, in this order. */
const MADR_HEADINGS = [
  '# ',
  '## Context and Problem Statement',
  '## Considered Options',
  '## Decision Outcome',
  '### Consequences',
  '## Pros and Cons of the Options',
  '## More Information',
];

function frontMatterOf(content: string): unknown {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(content);
  return match ? parse(match[1] ?? '') : undefined;
}

/** The body of one `## ` section (up to the next `## ` heading). */
function sectionOf(content: string, heading: string): string {
  return content.split(`\n${heading}\n`)[1]?.split(/\n## /)[0] ?? '';
}

const dirs: string[] = [];
/** Writes records into a fresh folder and runs markdownlint on them with the project's config. */
async function lint(records: readonly RenderedAdr[]): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-design-adr-'));
  dirs.push(dir);
  const folder = join(dir, 'docs', 'decisions');
  mkdirSync(folder, { recursive: true });
  for (const record of records) writeFileSync(join(folder, record.fileName), record.content);
  const result = await markdownlint(
    records.map((record) => join(folder, record.fileName)),
    dir,
  );
  return { code: result.code, output: `${result.stdout}${result.stderr}` };
}
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('renderAdr', () => {
  it('renders a record in MADR 4.0 form, byte for byte', () => {
    expect(renderAdr(INPUT)).toEqual({
      fileName: '0003-caching-cache-aside-with-redis.md',
      content: EXPECTED,
    });
  });

  it('serialises the front matter with YAML, decision-makers only when given', () => {
    expect(frontMatterOf(renderAdr(INPUT).content)).toEqual({ status: 'accepted', date: DATE });
    const withMakers = renderAdr({ ...INPUT, decisionMakers: ['Ana: lead', '"Bo" #2', ' '] }).content;
    expect(frontMatterOf(withMakers)).toEqual({
      status: 'accepted',
      date: DATE,
      'decision-makers': ['Ana: lead', '"Bo" #2'],
    });
  });

  it('adds Confirmation and a note on consequences only when given, and leaves out empty sections', () => {
    const own = renderAdr({
      ...INPUT,
      consequences: { good: [], bad: [], note: 'None of the listed pros and cons apply.' },
      confirmation: ['Check:', ['the read latency']],
      moreInformation: [],
    }).content;
    expect(own).toContain(
      '### Consequences\n\nNone of the listed pros and cons apply.\n\n### Confirmation\n\nCheck:\n\n- the read latency\n\n## Pros and Cons',
    );
    expect(own).not.toContain('## More Information');
    const bare = renderAdr({ ...INPUT, consequences: { good: [], bad: [] } }).content;
    expect(bare).not.toContain('### Consequences');
  });

  it('refuses a date that is not yyyy-mm-dd and a chosen option that was not considered', () => {
    expect(() => renderAdr({ ...INPUT, date: '2026-03-14T10:00:00Z' })).toThrow(/not yyyy-mm-dd/);
    expect(() => renderAdr({ ...INPUT, date: '2026-13-01' })).toThrow(/not yyyy-mm-dd/);
    expect(() => renderAdr({ ...INPUT, date: '2025-02-29' })).toThrow(/not yyyy-mm-dd/);
    expect(renderAdr({ ...INPUT, date: '2024-02-29' }).content).toContain('date: 2024-02-29\n');
    expect(() => renderAdr({ ...INPUT, chosen: { label: 'Memcached', because: 'x' } })).toThrow(
      /"Memcached" is not among its options/,
    );
  });

  it('ends "because" with one full stop', () => {
    const content = renderAdr({ ...INPUT, chosen: { ...INPUT.chosen, because: 'hits are fast!' } }).content;
    expect(content).toContain('", because hits are fast!\n');
  });
});

describe('file names', () => {
  it.each([
    ['Caching: Cache-aside with Redis', 'caching-cache-aside-with-redis'],
    ['Café crème -- ünïcode // façade', 'cafe-creme-unicode-facade'],
    ['  --Leading and trailing--  ', 'leading-and-trailing'],
    ['"Quotes", `ticks`, | pipes | and #hash', 'quotes-ticks-pipes-and-hash'],
    ['日本語', 'decision'],
  ])('%j is %j', (title, slug) => {
    expect(kebabCase(title)).toBe(slug);
  });

  it('caps a long title at a word boundary, with no trailing or double dash', () => {
    const slug = kebabCase(`Write path: ${'accept writes into a durable queue '.repeat(6)}`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('write-path-accept-writes-into-a-durable-queue-accept-writes');
    expect(kebabCase('x'.repeat(100))).toBe('x'.repeat(60));
  });

  it('pads the number to four digits', () => {
    expect(adrFileName(1, 'Use Kafka')).toBe('0001-use-kafka.md');
    expect(adrFileName(12345, 'Use Kafka')).toBe('12345-use-kafka.md');
    expect(() => adrFileName(-1, 'x')).toThrow();
  });
});

describe('adrDate', () => {
  it("is the session record's calendar day (UTC), whatever the time of the run", () => {
    expect(adrDate('2026-03-14T23:59:59.999Z')).toBe('2026-03-14');
    expect(adrDate('2026-03-14')).toBe('2026-03-14');
  });

  it('refuses what is not an ISO date', () => {
    expect(() => adrDate('14/03/2026')).toThrow(/not an ISO date/);
    expect(() => adrDate('2026-03-14x')).toThrow(/not an ISO date/);
    expect(() => adrDate('2026-02-30T00:00:00Z')).toThrow(/not an ISO date/);
  });
});

describe('nextAdrNumbers', () => {
  it.each([
    [['0001-x.md', '0007-y.md', 'README.md'], 1, [8]],
    [['0001-x.md', '0007-y.md', 'README.md'], 3, [8, 9, 10]],
    [[], 2, [1, 2]],
    [['README.md', 'adr-template.md', '12-short.md', 'notes.txt'], 1, [1]],
    [['0000-use-madr.md'], 1, [1]],
    [['0002-a.md', '0010-b.markdown', '0003-c.md'], 1, [11]],
    [['00042-wide.md'], 1, [43]],
    [['0005-x.md'], 0, []],
  ])('after %j, %i new record(s) are numbered %j', (existing, count, expected) => {
    expect(nextAdrNumbers(existing, count)).toEqual(expected);
  });

  it('never reuses a number, even when earlier records were deleted', () => {
    const numbers = nextAdrNumbers(['0009-kept.md'], 5);
    expect(numbers).toEqual([10, 11, 12, 13, 14]);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => nextAdrNumbers([], -1)).toThrow();
    expect(() => nextAdrNumbers([], 1.5)).toThrow();
  });
});

describe('the examples as records', () => {
  const states = new Map<ExampleName, SessionState>();
  beforeAll(async () => {
    for (const name of EXAMPLES) states.set(name, await finishedFromFile(examplePath(name)));
  });
  const stateOf = (name: ExampleName): SessionState => {
    const state = states.get(name);
    if (!state) throw new Error(`${name} did not run`);
    return state;
  };

  it.each(EXAMPLES)(
    '%s: one record per decision but the picks (archetype, deep-dive focus), numbered after the folder',
    (name) => {
      const state = stateOf(name);
      const records = renderDesignAdrs(state, DATE, ['0001-x.md', '0007-y.md', 'README.md']);
      expect(records).toHaveLength(Object.keys(state.decisions).length - 2);
      expect(records.map((record) => record.fileName.slice(0, 5))).toEqual(
        records.map((_, index) => `${String(8 + index).padStart(4, '0')}-`),
      );
      expect(records.every((record) => /^\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/.test(record.fileName))).toBe(
        true,
      );
      expect(new Set(records.map((record) => record.fileName)).size).toBe(records.length);
      expect(records.map((record) => record.content).join('\n')).not.toContain('Deep-dive focus');
      expect(records.map((record) => record.content).join('\n')).not.toContain('System archetype');
    },
  );

  it.each(EXAMPLES)('%s: every record passes markdownlint with the project configuration', async (name) => {
    const result = await lint(renderDesignAdrs(stateOf(name), DATE, []));
    expect(result.output).toContain('0 error(s)');
    expect(result.code).toBe(0);
  });

  it.each(EXAMPLES)('%s: every record has the MADR front matter and headings, in order', (name) => {
    for (const record of renderDesignAdrs(stateOf(name), DATE, [])) {
      expect(frontMatterOf(record.content)).toEqual({ status: 'accepted', date: DATE });
      let from = 0;
      for (const heading of MADR_HEADINGS) {
        const at = record.content.indexOf(`\n${heading}`, from);
        expect(at, `${record.fileName}: ${heading}`).toBeGreaterThan(from - 1);
        from = at + 1;
      }
    }
  });

  it.each(EXAMPLES)('%s: the same session gives the same bytes, also after a save and resume', (name) => {
    const state = stateOf(name);
    const first = renderDesignAdrs(state, DATE, ['0001-x.md']);
    const second = renderDesignAdrs(state, DATE, ['0001-x.md']);
    const reloaded = renderDesignAdrs(JSON.parse(JSON.stringify(state)) as SessionState, DATE, ['0001-x.md']);
    expect(second).toEqual(first);
    expect(reloaded).toEqual(first);
  });

  it('pastebin: the datastore record carries the context, the reason, the consequences and the figures', () => {
    const records = renderDesignAdrs(stateOf('pastebin'), DATE, []);
    const datastore = records.find((record) => record.fileName.startsWith('0002-'));
    expect(datastore?.fileName).toBe('0002-primary-datastore-postgresql-one-primary-a-synchronous.md');
    const content = datastore?.content ?? '';
    expect(content).toContain(
      '# Primary datastore: PostgreSQL: one primary, a synchronous standby, read replicas as needed\n',
    );
    expect(sectionOf(content, '## Context and Problem Statement')).toContain(
      'Where does the system of record live?\n\nIt rests on these requirements, as stated:\n\n- Consistency: eventual, a new paste readable within 1 s; the author reads their own paste at once\n- Durability: no acknowledged paste may be lost, RPO 0\n',
    );
    expect(content).toContain(
      'Chosen option: "PostgreSQL: one primary, a synchronous standby, read replicas as needed", because 34.7/s peak writes',
    );
    expect(content).toContain(
      '### Consequences\n\n- Good, because transactions, constraints and secondary indexes\n',
    );
    expect(content).toContain(
      '- Bad, because vertical scaling has a ceiling (roughly 5K writes/s and a few TB for a primary)\n',
    );
    expect(sectionOf(content, '## More Information')).toBe(
      [
        '',
        '"A managed key-value store (DynamoDB-style)" wins instead when writes pass about 5K/s or data about 5 TB, every hot query is by key, and no read or invariant needs more than one key at a time. Revisit this decision if that becomes true.',
        '',
        "The estimate's figures when it was decided:",
        '',
        '- Peak write QPS: ~34.7/s (11.57/s writes x peak factor 3 = 34.72/s)',
        '',
      ].join('\n'),
    );
  });

  it('fraud-scoring: the ML decisions get records, in the protocol order', () => {
    const titles = designAdrDrafts(stateOf('fraud-scoring'), DATE).map((draft) => draft.title.split(':')[0]);
    expect(titles).toEqual([
      'Service architecture',
      'Primary datastore',
      'Caching',
      'Write path',
      'Model serving mode',
      'Feature pipeline',
      'Consistency versus availability',
      'Deployment strategy',
    ]);
  });
});

describe('a decision taken against the recommendation, in own words, as a custom choice or by default', () => {
  const states = new Map<string, SessionState>();
  beforeAll(async () => {
    states.set('option B', await finishedDesign({ answers: { 'high-level.cache': 'B' } }));
    states.set('words', await finishedDesign({ answers: { 'high-level.cache': 'Skip the cache for now.' } }));
    states.set(
      'custom',
      await finishedDesign({
        answers: { 'high-level.datastore': 'custom: FoundationDB with a record layer.' },
      }),
    );
    states.set('other value', await finishedDesign({ answers: { 'high-level.datastore': 'Cassandra' } }));
    states.set(
      'default',
      await finishedDesign({ answers: { 'high-level.cache': undefined }, acceptRecommended: true }),
    );
  });
  const stateOf = (name: string): SessionState => {
    const state = states.get(name);
    if (!state) throw new Error(`${name} did not run`);
    return state;
  };
  const recordOf = (name: string, title: string): string =>
    renderDesignAdrs(stateOf(name), DATE, []).find((record) => record.content.includes(`\n# ${title}: `))
      ?.content ?? '';
  /** The option the session recorded as taken, and the other one. */
  const optionsOf = (
    name: string,
    id: string,
  ): { taken: ProposalOption | undefined; other: ProposalOption | undefined } => {
    const record = stateOf(name).decisions[id];
    const options = record?.proposal.options ?? [];
    return {
      taken: options.find((option) => option.key === record?.key),
      other: options.find((option) => option.key !== record?.key),
    };
  };
  const goodAndBad = (option: ProposalOption | undefined): string =>
    [
      ...(option?.pros ?? []).map((pro) => `- Good, because ${pro}`),
      ...(option?.cons ?? []).map((con) => `- Bad, because ${con}`),
    ].join('\n');
  const consequencesOf = (content: string): string | undefined =>
    content.split('### Consequences\n\n')[1]?.split('\n\n')[0];

  it('option B: its own pros and cons are the consequences; the recommendation is the alternative', () => {
    const { taken, other } = optionsOf('option B', 'high-level.cache');
    expect(taken?.key).toBe('B');
    const content = recordOf('option B', 'Caching');
    expect(content).toContain(`# Caching: ${taken?.label ?? '?'}\n`);
    expect(content).toContain(`Chosen option: "${taken?.label ?? '?'}", because`);
    expect(consequencesOf(content)).toBe(goodAndBad(taken));
    expect(sectionOf(content, '## More Information')).toContain(`"${other?.label ?? '?'}" wins instead when`);
  });

  it('own words read as a proposed option: that option, its consequences, and the words quoted', () => {
    const { taken } = optionsOf('words', 'high-level.cache');
    expect(taken?.value).toBe('none');
    const content = recordOf('words', 'Caching');
    expect(content).toContain(`Chosen option: "${taken?.label ?? '?'}", because`);
    expect(sectionOf(content, '## Considered Options').trim().split('\n')).toHaveLength(2);
    expect(consequencesOf(content)).toBe(goodAndBad(taken));
    expect(sectionOf(content, '## More Information')).toMatch(
      /^\nIn the team's own words: "Skip the cache for now\."\n/,
    );
  });

  it("a custom choice: chosen as written, listed with A and B, and the co-pilot's pros and cons are not claimed", async () => {
    const record = stateOf('custom').decisions['high-level.datastore'];
    expect(record?.value).toBe('custom');
    const [a, b] = record?.proposal.options ?? [];
    const content = recordOf('custom', 'Primary datastore');
    expect(content).toContain('# Primary datastore: FoundationDB with a record layer\n');
    expect(sectionOf(content, '## Considered Options')).toBe(
      `\n- ${a?.label ?? '?'}\n- ${b?.label ?? '?'}\n- FoundationDB with a record layer\n`,
    );
    expect(content).toContain(
      `Chosen option: "FoundationDB with a record layer", because it is the team's own choice, taken over the co-pilot's recommendation of "${a?.label ?? '?'}".`,
    );
    const outcome = sectionOf(content, '## Decision Outcome');
    expect(outcome).toContain('do not carry over to it');
    expect(outcome).not.toContain('Good, because');
    expect(outcome).toContain('### Confirmation');
    for (const con of [...(a?.cons ?? []), ...(b?.cons ?? [])]) expect(outcome).toContain(con);
    expect(sectionOf(content, '## More Information')).toContain(
      'In the team\'s own words: "custom: FoundationDB with a record layer."',
    );
    expect((await lint(renderDesignAdrs(stateOf('custom'), DATE, []))).code).toBe(0);
  });

  it("own words read as a value neither option proposed: that value is the team's own choice", () => {
    const record = stateOf('other value').decisions['high-level.datastore'];
    expect(record?.key).toBeUndefined();
    const content = recordOf('other value', 'Primary datastore');
    expect(content).toContain(`# Primary datastore: ${record?.label ?? '?'}\n`);
    expect(sectionOf(content, '## Considered Options').trim().split('\n')).toEqual(
      [...(record?.proposal.options ?? []).map((option) => option.label), record?.label].map(
        (label) => `- ${label ?? '?'}`,
      ),
    );
    expect(sectionOf(content, '## Decision Outcome')).toContain('### Confirmation');
    expect(sectionOf(content, '## More Information')).toContain('In the team\'s own words: "Cassandra".');
  });

  it('taken by default: the recommendation, and the record says no one confirmed it', () => {
    const { taken } = optionsOf('default', 'high-level.cache');
    expect(taken?.key).toBe('A');
    const content = recordOf('default', 'Caching');
    expect(content).toContain(`Chosen option: "${taken?.label ?? '?'}", because`);
    expect(consequencesOf(content)).toBe(goodAndBad(taken));
    expect(sectionOf(content, '## More Information')).toContain(
      'Taken by default: the answers file did not answer this decision',
    );
    expect(recordOf('default', 'Primary datastore')).not.toContain('Taken by default');
  });
});

describe('hostile labels', () => {
  const HOSTILE = [
    'Say "hi": use `a|b` | or not',
    '# Not a heading',
    'Written in C #',
    '> quoted: 1. listed',
    '<script>alert(1)</script> and https://example.com/x',
    '2 * 3 _emphasis_ [x][y]',
    `Very long ${'and longer '.repeat(40)}label`,
    'Ends with punctuation.',
  ];

  it.each(HOSTILE)(
    '%j: renders as written, in one heading and one list item, and passes markdownlint',
    async (label) => {
      const options = [
        { label, summary: `About ${label}`, pros: [label], cons: [`${label}:`] },
        { label: 'Plain', summary: 'plain', pros: [], cons: [] },
      ];
      const record = renderAdr({
        ...INPUT,
        title: `Decision: ${label}`,
        options,
        chosen: { label, because: label },
        consequences: { good: [label], bad: [] },
      });
      expect(record.fileName).toMatch(/^0003-decision-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/);
      expect(record.fileName.length).toBeLessThanOrEqual('0003-'.length + 60 + '.md'.length);
      const rendered = markdownHtml(record.content);
      // What the reader sees: the label as typed, whitespace folded, code-span ticks and a
      // heading's trailing full stop aside.
      const shown = label.replace(/`/g, '').replace(/\s+/g, ' ').replace(/[.]$/, '');
      expect(htmlText(/<h1>([\s\S]*?)<\/h1>/.exec(rendered)?.[1] ?? '')).toBe(`Decision: ${shown}`);
      const considered = rendered.split('<h2>Considered Options</h2>')[1] ?? '';
      expect(htmlText(/<li>([\s\S]*?)<\/li>/.exec(considered)?.[1] ?? '')).toBe(shown);
      expect(htmlText(rendered)).toContain(
        `Chosen option: "${shown}", because ${label.replace(/`/g, '').replace(/\s+/g, ' ')}`,
      );
      expect(rendered.match(/<h1>/g)).toHaveLength(1);
      expect(rendered.match(/<h2>/g)).toHaveLength(5);
      expect(rendered.match(/<h3>/g)).toHaveLength(3);
      expect(rendered).not.toMatch(/<(?:script|blockquote|em|ol|hr)\b/);
      expect(sectionOf(record.content, '## Considered Options').trim().split('\n')).toHaveLength(2);
      expect((await lint([record])).output).toContain('0 error(s)');
    },
  );

  it('a hostile own-words answer goes through a whole session and still lints', async () => {
    const state = await finishedDesign({
      answers: { 'high-level.datastore': 'custom: # Mongo "v7": `db|x` <b>fast</b> https://mongodb.com.' },
    });
    const records = renderDesignAdrs(state, DATE, ['0001-x.md']);
    const datastore = records.find((record) => record.content.includes('# Primary datastore: '));
    expect(datastore?.content).toContain(
      '# Primary datastore: # Mongo "v7": `db|x` \\<b>fast\\</b> <https://mongodb.com>\n',
    );
    expect((await lint(records)).output).toContain('0 error(s)');
  });
});

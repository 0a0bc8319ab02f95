import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../src/protocol/types.js';
import type { Architecture, Component } from '../../src/protocols/design/model.js';
import { designDrafts } from '../../src/protocols/design/model.js';
import { asciiDiagram, mermaidDiagram } from '../../src/render/diagram.js';
import { bullets, cell, fillTemplate, section, table } from '../../src/render/markdown.js';
import { renderSystemDesign } from '../../src/render/system-design.js';
import { redFlags } from '../../src/rules/red-flags.js';
import { emptyState, finishedDesign, withAnswer } from '../support/design-state.js';

const TEMPLATE = readFileSync(new URL('../../templates/system_design.md', import.meta.url), 'utf8');

const SECTIONS_IN_ORDER = [
  '# System Design: ',
  '## Requirements',
  '### Functional',
  '### Non-Functional',
  '## Estimation',
  '## High-Level Architecture',
  '```text',
  '```mermaid',
  '### Key Decisions',
  '### Component Descriptions',
  '## Deep-Dive: ',
  '### Data Model',
  '### Approach',
  '### Scaling',
  '### Failure Handling',
  '### Interface',
  '## Tradeoffs',
  '## Operational Concerns',
  '### Monitoring',
  '#### SLOs and Error Budget',
  '#### Alerting',
  '### Deployment',
  '#### Migrations',
  '### Failure Modes',
  '### Cost Estimation',
  '## Summary',
];

function render(state: SessionState): string {
  return renderSystemDesign(TEMPLATE, state, redFlags(state));
}

/** Positions of each heading, searched in order, so a missing or misplaced one shows as -1. */
function positions(document: string, headings: readonly string[]): number[] {
  let from = 0;
  return headings.map((heading) => {
    const at = document.indexOf(heading, from);
    if (at >= 0) from = at + heading.length;
    return at;
  });
}

function component(id: string, name: string, type: Component['type']): Component {
  return { id, name, type, purpose: 'p', api: 'a', data: 'd', failureMode: 'f' };
}

describe('renderSystemDesign', () => {
  let system: SessionState;
  let ml: SessionState;
  let hybrid: SessionState;
  beforeAll(async () => {
    system = await finishedDesign();
    ml = await finishedDesign({
      scope: 'ml',
      answers: { 'requirements.prediction-freshness': 'real-time', 'requirements.latency': 'P99 100ms' },
    });
    hybrid = await finishedDesign({
      scope: 'hybrid',
      answers: {
        'estimation.writes': '259.2M/day',
        'estimation.reads': '10:1',
        'estimation.write-size': '200KB',
      },
    });
  });

  it('contains every required section, in order', () => {
    for (const state of [system, ml, hybrid]) {
      const found = positions(render(state), SECTIONS_IN_ORDER);
      expect(
        found.every((at) => at >= 0),
        JSON.stringify(found),
      ).toBe(true);
    }
  });

  it('heads the document with the title and the scope', () => {
    expect(render(system)).toMatch(
      /^# System Design: Notes service\n\nScope: general system\.\n\n## Requirements\n/,
    );
    expect(render(ml)).toContain('Scope: ML system.');
    expect(render(hybrid)).toContain('Scope: hybrid (ML inside a larger system).');
  });

  it('renders the requirements table with the derived downtime and peak', () => {
    const document = render(system);
    expect(document).toContain('| Scale | 500K notes a day, 20% growth a year (estimated 40/s peak) |');
    expect(document).toContain('| Latency | P50 50 ms, P99 200 ms |');
    expect(document).toContain('| Availability | 99.9% (8h 45m 36s of downtime a year) |');
    expect(document).not.toContain('Prediction freshness');
    expect(render(ml)).toContain('| Prediction freshness | real-time |');
    expect(render(ml)).toContain('| Latency | P99 100 ms |');
  });

  it('has a tradeoff row for every decision but the picks (archetype, deep-dive focus), the deployment strategy included', () => {
    for (const state of [system, ml, hybrid]) {
      const section = render(state).split('## Tradeoffs')[1]?.split('\n## ')[0] ?? '';
      const rows = section
        .split('\n')
        .filter(
          (line) => line.startsWith('| ') && !line.startsWith('| Decision') && !line.startsWith('| ---'),
        );
      expect(rows).toHaveLength(Object.keys(state.decisions).length - 2);
      expect(section).toContain('| Deployment strategy |');
      expect(section).not.toContain('| System archetype |');
    }
  });

  it('renders one deep-dive section per drafted deep-dive', () => {
    for (const state of [system, ml, hybrid]) {
      const count = render(state).match(/^## Deep-Dive: /gm)?.length;
      expect(count).toBe(designDrafts(state).deepDives?.length);
    }
  });

  it('is byte-identical across renders and across runs of the same answers', async () => {
    expect(render(system)).toBe(render(system));
    expect(render(await finishedDesign())).toBe(render(system));
  });

  it('leaves no undefined, NaN, Infinity, [object or unfilled placeholder', () => {
    for (const state of [system, ml, hybrid]) {
      const document = render(state);
      expect(document).not.toMatch(/undefined|NaN|Infinity|\[object|\{\{/);
    }
  });

  it('is tidy markdown: one trailing newline, no runs of blank lines', () => {
    const document = render(system);
    expect(document.endsWith('\n')).toBe(true);
    expect(document.endsWith('\n\n')).toBe(false);
    expect(document).not.toMatch(/\n{3,}/);
  });

  it('lists red flags only when there are some', () => {
    expect(render(system)).not.toContain('## Red Flags');
    const flagged = renderSystemDesign(TEMPLATE, system, [
      { id: 'skipped-estimation', phase: 'requirements', message: 'The scale was left without a number.' },
    ]);
    expect(flagged).toContain(
      '## Red Flags\n\n- **skipped-estimation** (requirements): The scale was left without a number.',
    );
    expect(positions(flagged, ['## Operational Concerns', '## Red Flags', '## Summary'])).not.toContain(-1);
    expect(flagged).toContain('Next step: Resolve the red flags above first (skipped-estimation)');
  });

  it('quotes the answers accepted after a push-back in the summary', () => {
    const pushed = withAnswer(system, 'requirements.scale', 'lots', 'push-back');
    expect(render(pushed)).toContain('Accepted after push-back, worth revisiting: `requirements.scale`.');
  });

  it('refuses an unfinished design', () => {
    expect(() => renderSystemDesign(TEMPLATE, emptyState(), [])).toThrow(
      'the design is not finished: drafts or results are missing',
    );
  });
});

describe('markdown helpers', () => {
  it('fillTemplate fills placeholders, trims values and collapses blank lines', () => {
    expect(fillTemplate('# {{title}}\n\n{{empty}}\n\n\n\nend', { title: ' Pastebin \n', empty: '' })).toBe(
      '# Pastebin\n\nend\n',
    );
  });

  it('fillTemplate throws on a placeholder with no value', () => {
    expect(() => fillTemplate('{{title}} {{summary}}', { title: 'x' })).toThrow(
      'template placeholder {{summary}} has no value',
    );
  });

  it('table escapes pipes and folds newlines inside cells', () => {
    expect(table(['Key', 'Value'], [['a|b', 'line one\nline two']])).toBe(
      '| Key | Value |\n| --- | --- |\n| a\\|b | line one line two |',
    );
    expect(cell('  x | y \r\n z ')).toBe('x \\| y   z');
  });

  it('bullets and section', () => {
    expect(bullets(['one', 'two\nlines'])).toBe('- one\n- two lines');
    expect(section('## Heading', '\nbody\n\n')).toBe('## Heading\n\nbody');
  });
});

describe('diagrams', () => {
  const small: Architecture = {
    components: [
      component('client', 'Clients', 'client'),
      component('gateway', 'Gateway', 'gateway'),
      component('app', 'App "core"', 'service'),
      component('cache', 'Cache', 'cache'),
      component('write-queue', 'Queue', 'queue'),
      component('datastore', 'DB', 'datastore'),
    ],
    flows: [
      { from: 'client', to: 'gateway', label: 'HTTPS' },
      { from: 'gateway', to: 'app', label: 'request' },
      { from: 'app', to: 'cache', label: 'get' },
      { from: 'app', to: 'write-queue', label: 'publish' },
      { from: 'cache', to: 'datastore', label: 'miss' },
      { from: 'write-queue', to: 'datastore', label: 'apply "write"' },
    ],
    summary: 'test',
  };

  it('mermaidDiagram starts with "flowchart LR", quotes labels and shapes nodes by type', () => {
    expect(mermaidDiagram(small)).toBe(
      [
        'flowchart LR',
        '  client(["Clients"])',
        '  gateway["Gateway"]',
        '  app["App #quot;core#quot;"]',
        '  cache[("Cache")]',
        '  write_queue[["Queue"]]',
        '  datastore[("DB")]',
        '  client -->|"HTTPS"| gateway',
        '  gateway -->|"request"| app',
        '  app -->|"get"| cache',
        '  app -->|"publish"| write_queue',
        '  cache -->|"miss"| datastore',
        '  write_queue -->|"apply #quot;write#quot;"| datastore',
      ].join('\n'),
    );
  });

  it('asciiDiagram draws a tree from the roots and marks a node drawn twice as (above)', () => {
    expect(asciiDiagram(small)).toBe(
      [
        '[Clients]',
        ' `--HTTPS--> [Gateway]',
        '      `--request--> [App "core"]',
        '           |--get--> [Cache]',
        '           |    `--miss--> [DB]',
        '           `--publish--> [Queue]',
        '                `--apply "write"--> [DB] (above)',
      ].join('\n'),
    );
  });

  it('asciiDiagram draws a component with no flows, and a cycle, once each', () => {
    const cyclic: Architecture = {
      components: [
        component('a', 'A', 'service'),
        component('b', 'B', 'service'),
        component('lonely', 'Lonely', 'monitoring'),
      ],
      flows: [
        { from: 'a', to: 'b', label: 'x' },
        { from: 'b', to: 'a', label: 'y' },
      ],
      summary: 'cycle',
    };
    expect(asciiDiagram(cyclic)).toBe(
      ['[Lonely]', '[A]', ' `--x--> [B]', '      `--y--> [A] (above)'].join('\n'),
    );
  });

  it('draws every component of a finished design exactly once, in both diagrams', async () => {
    for (const state of [await finishedDesign(), await finishedDesign({ scope: 'ml' })]) {
      const architecture = designDrafts(state).architecture;
      if (!architecture) throw new Error('no architecture');
      const ascii = asciiDiagram(architecture);
      const mermaid = mermaidDiagram(architecture);
      for (const { id, name } of architecture.components) {
        const drawn = ascii
          .split('\n')
          .filter((line) => line.includes(`[${name}]`) && !line.endsWith('(above)'));
        expect(drawn, name).toHaveLength(1);
        expect(
          mermaid
            .split('\n')
            .filter(
              (line) =>
                line.startsWith(`  ${id.replace(/-/g, '_')}[`) ||
                line.startsWith(`  ${id.replace(/-/g, '_')}(`),
            ),
          id,
        ).toHaveLength(1);
      }
    }
  });
});

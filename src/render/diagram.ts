/**
 * Architecture diagrams from components and flows: plain ASCII for the terminal and the document,
 * and a Mermaid flowchart for the document. Pure and deterministic: the same design draws the same.
 */
import type { Architecture, Component } from '../protocols/design/model.js';

export function asciiDiagram(architecture: Architecture): string {
  const byId = new Map(architecture.components.map((component) => [component.id, component]));
  const outgoing = (id: string): { to: Component; label: string }[] =>
    architecture.flows.flatMap((flow) => {
      const to = byId.get(flow.to);
      return flow.from === id && to ? [{ to, label: flow.label }] : [];
    });
  const drawn = new Set<string>();
  const lines: string[] = [];

  const walk = (component: Component, prefix: string): void => {
    drawn.add(component.id);
    const children = outgoing(component.id);
    children.forEach(({ to, label }, index) => {
      const last = index === children.length - 1;
      const seen = drawn.has(to.id);
      lines.push(`${prefix}${last ? '`' : '|'}--${label}--> [${to.name}]${seen ? ' (above)' : ''}`);
      if (!seen) walk(to, `${prefix}${last ? ' ' : '|'}    `);
    });
  };

  const roots = architecture.components.filter(
    (component) => !architecture.flows.some((flow) => flow.to === component.id),
  );
  for (const root of [...roots, ...architecture.components]) {
    if (drawn.has(root.id)) continue;
    lines.push(`[${root.name}]`);
    walk(root, ' ');
  }
  return lines.join('\n');
}

const SHAPES: Partial<Record<Component['type'], readonly [string, string]>> = {
  client: ['([', '])'],
  datastore: ['[(', ')]'],
  'feature-store': ['[(', ')]'],
  'blob-store': ['[(', ')]'],
  cache: ['[(', ')]'],
  queue: ['[[', ']]'],
  'model-registry': ['[(', ')]'],
};

const quote = (text: string): string => `"${text.replace(/"/g, '#quot;')}"`;
const nodeId = (id: string): string => id.replace(/-/g, '_');

export function mermaidDiagram(architecture: Architecture): string {
  const nodes = architecture.components.map((component) => {
    const [open, close] = SHAPES[component.type] ?? ['[', ']'];
    return `  ${nodeId(component.id)}${open}${quote(component.name)}${close}`;
  });
  const edges = architecture.flows.map(
    (flow) => `  ${nodeId(flow.from)} -->|${quote(flow.label)}| ${nodeId(flow.to)}`,
  );
  return ['flowchart LR', ...nodes, ...edges].join('\n');
}

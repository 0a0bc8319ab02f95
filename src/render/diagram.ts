/**
 * Architecture diagrams from components and flows: plain ASCII for the terminal and the document,
 * and a Mermaid flowchart for the document. Pure and deterministic: the same design draws the same.
 */
import type { Architecture, Component } from '../protocols/design/model.js';

/** One line, so a name can never end the fenced block it is drawn in. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

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
      lines.push(
        `${prefix}${last ? '`' : '|'}--${oneLine(label)}--> [${oneLine(to.name)}]${seen ? ' (above)' : ''}`,
      );
      if (!seen) walk(to, `${prefix}${last ? ' ' : '|'}    `);
    });
  };

  const roots = architecture.components.filter(
    (component) => !architecture.flows.some((flow) => flow.to === component.id),
  );
  for (const root of [...roots, ...architecture.components]) {
    if (drawn.has(root.id)) continue;
    lines.push(`[${oneLine(root.name)}]`);
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

/**
 * Mermaid's entity code (`#59;`) for each character that could end the quoted label or the
 * statement, start a markdown string or a tag, or read as an entity: `#` first, so the codes
 * written for the others are not escaped again.
 */
const MERMAID_ESCAPED = /[#"`<&;|[\]{}]/g;

/** A Mermaid label: quoted, on one line, showing the text as written. Ids are generated, never text. */
export function mermaidLabel(text: string): string {
  return `"${oneLine(text).replace(MERMAID_ESCAPED, (char) => (char === '"' ? '#quot;' : `#${String(char.codePointAt(0))};`))}"`;
}
/** A node id from a component id: letters, digits and `_` only, whatever the id holds. */
const nodeId = (id: string): string => id.replace(/[^A-Za-z0-9_]/g, '_');

export function mermaidDiagram(architecture: Architecture): string {
  const nodes = architecture.components.map((component) => {
    const [open, close] = SHAPES[component.type] ?? ['[', ']'];
    return `  ${nodeId(component.id)}${open}${mermaidLabel(component.name)}${close}`;
  });
  const edges = architecture.flows.map(
    (flow) => `  ${nodeId(flow.from)} -->|${mermaidLabel(flow.label)}| ${nodeId(flow.to)}`,
  );
  return ['flowchart LR', ...nodes, ...edges].join('\n');
}

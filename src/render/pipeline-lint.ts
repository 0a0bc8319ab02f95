/**
 * The rules every pipeline_architecture.md must keep, checked on every render: 80-150 lines, the
 * sections in order with the MVP first, 1-3 open questions, and none of what belongs to the
 * implementation phase (code, configuration, setup commands) or to a plan (cost, time estimates).
 */

export const MIN_LINES = 80;
export const MAX_LINES = 150;

const SECTIONS: readonly RegExp[] = [
  /^# Pipeline Architecture: \S/,
  /^## Overview$/,
  /^## Pipeline Decomposition$/,
  /^### Pipeline 1: .+ \(MVP\)$/,
  /^## Cross-Pipeline Data Flow$/,
  /^## Not-a-Pipeline Components$/,
  /^## Deferred \/ Future Work$/,
  /^## Open Questions$/,
];

const FORBIDDEN: readonly [RegExp, string][] = [
  [/^\s*(?:```|~~~)/, 'a code block'],
  [/^\s{4,}[^\s\d-]/, 'an indented code block'],
  [
    /(?:^|\s)(?:\$ \S|pip install|uv pip|conda install|zenml (?:init|stack|integration|login)|docker (?:build|run)|kubectl |helm install|terraform (?:init|apply))/i,
    'a setup command',
  ],
  [/@(?:step|pipeline)\b|\bdef \w+\(|\bimport \w+/, 'code'],
  [
    /\$\s?\d|\bUSD\b|\b(?:estimated|monthly|total) cost\b|\bcosts? (?:about|around|roughly)\b/i,
    'a cost estimate',
  ],
  [
    /\b\d+(?:\.\d+)?\s*(?:person-|engineer-)?(?:hours?|days?|weeks?|months?|sprints?)\s+(?:of (?:work|effort)|to (?:build|implement|deliver|ship))\b|\b(?:takes|will take) (?:about |around )?\d+\s*(?:hours?|days?|weeks?|months?)\b/i,
    'a time estimate',
  ],
];

export function lintPipelineDocument(text: string): string[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const problems: string[] = [];
  const length = `${String(lines.length)} lines; a pipeline architecture is ${String(MIN_LINES)}-${String(MAX_LINES)} lines`;
  if (lines.length < MIN_LINES)
    problems.push(
      `${length}: the scope leaves out what surrounds the model (revise classify: add its data, consumers and monitoring)`,
    );
  if (lines.length > MAX_LINES)
    problems.push(
      `${length}: more than one plan holds (defer components, or scope each team's pipelines apart)`,
    );
  let from = 0;
  for (const section of SECTIONS) {
    const at = lines.findIndex((line, index) => index >= from && section.test(line));
    if (at < 0) {
      problems.push(`missing or out of order: a heading matching ${section.source.replace(/\\/g, '')}`);
      continue;
    }
    from = at + 1;
  }
  lines.forEach((line, index) => {
    for (const [pattern, what] of FORBIDDEN) {
      if (pattern.test(line))
        problems.push(`line ${String(index + 1)} has ${what}: "${line.trim().slice(0, 60)}"`);
    }
  });
  const open = lines.findIndex((line) => line === '## Open Questions');
  if (open >= 0) {
    const items = lines.slice(open + 1).filter((line) => /^(?:\d+\.|-) \S/.test(line)).length;
    if (items < 1 || items > 3)
      problems.push(`${String(items)} open questions; keep 1-3 and answer the rest in the interview`);
  }
  return problems;
}

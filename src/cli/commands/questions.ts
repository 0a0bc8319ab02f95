/** `mlops-design questions`: every question id, its prompt, the kind of answer, and when it is asked. */
import { initialState, applies, asksPerson } from '../../protocol/machine.js';
import { z } from 'zod';
import { SCOPES, type Protocol, type Scope, type Step } from '../../protocol/types.js';
import { oneOf, parseFlags, scopeFlag, type GlobalOptions } from '../options.js';
import { colourEnabled, createOutput } from '../output.js';
import { PROTOCOL_NAMES, protocolOf } from '../registry.js';

const questionsFlags = z.object({
  command: oneOf(PROTOCOL_NAMES),
  scope: scopeFlag.optional(),
});

interface Row {
  readonly id: string;
  readonly phase: string;
  readonly kind: string;
  readonly prompt: string;
  readonly when: string;
  readonly example?: string;
  readonly default?: string;
  /** A decision's own values, which own words are read into (and which --json reports). */
  readonly values?: readonly { readonly value: string; readonly name: string }[];
}

export function questionRows(protocol: Protocol, scope?: Scope): Row[] {
  const state = initialState(protocol, '', scope ?? 'hybrid');
  // A step that applies to no scope before any answer depends on the answers (the region strategy
  // when a requirement mentions regions): its `when` says so, and every scope lists it.
  const blank = SCOPES.map((each) => initialState(protocol, '', each));
  const keep = (step: Step): boolean =>
    scope === undefined || applies(step, state) || !blank.some((each) => applies(step, each));
  const rows: Row[] = [];
  for (const slot of protocol.setup)
    rows.push({
      id: slot.id,
      phase: 'setup',
      kind: slot.answer,
      prompt: slot.prompt,
      when: slot.when,
      example: slot.example,
    });
  for (const step of protocol.steps) {
    if (!asksPerson(step) || !keep(step)) continue;
    rows.push(
      step.kind === 'question'
        ? {
            id: step.id,
            phase: step.phase,
            kind: step.answer,
            prompt: step.prompt,
            when: step.when,
            example: step.example,
            ...(step.optional ? { default: step.optional.default } : {}),
          }
        : {
            id: step.id,
            phase: step.phase,
            kind: 'decision (A, B, C or your own words)',
            prompt: step.prompt,
            when: step.when,
            values: [
              ...step.values.map(({ value, name }) => ({ value, name })),
              ...(step.custom
                ? [{ value: 'custom', name: 'your own words, kept verbatim ("custom: ...")' }]
                : []),
              ...(step.items ? [{ value: 'pick', name: 'the items you name (components, pipelines)' }] : []),
            ],
          },
    );
  }
  const approval = protocol.approval;
  rows.push({
    id: approval.id,
    phase: 'approval',
    kind: approval.answer,
    prompt: approval.prompt,
    when: approval.when,
    example: approval.example,
  });
  return rows;
}

export async function runQuestions(
  globals: GlobalOptions,
  raw: Readonly<Record<string, unknown>>,
): Promise<void> {
  const { command, scope } = parseFlags(questionsFlags, raw);
  const protocol = await protocolOf(command);
  const rows = questionRows(protocol, scope);
  const out = createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stdout.isTTY, flag: globals.color }),
    quiet: globals.quiet,
  });
  if (globals.json) {
    out.result(JSON.stringify({ command: protocol.id, scope: scope ?? null, questions: rows }, null, 2));
    return;
  }
  let phase = '';
  for (const row of rows) {
    if (row.phase !== phase) {
      phase = row.phase;
      out.result(`\n${out.style.bold(phase)}`);
    }
    out.result(`  ${out.style.cyan(row.id)}  [${row.kind}]  ${row.when}`);
    out.result(`      ${row.prompt}`);
    if (row.example)
      out.result(`      e.g. ${row.example}${row.default ? `  (default: ${row.default})` : ''}`);
    if (row.values)
      out.result(`      values: ${row.values.map((value) => `${value.value} (${value.name})`).join(', ')}`);
  }
}

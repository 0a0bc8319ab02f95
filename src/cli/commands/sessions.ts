/** `mlops-design sessions`: the saved sessions, newest last. */
import { AppError } from '../../errors.js';
import { phaseOf } from '../../protocol/machine.js';
import { SessionStore, skippedLine, type Loaded } from '../../session/store.js';
import type { GlobalOptions } from '../options.js';
import { colourEnabled, createOutput } from '../output.js';
import type { Protocol } from '../../protocol/types.js';
import { protocolOf } from '../registry.js';
import { plainTable } from '../table.js';

export function age(from: Date, to: Date): string {
  const seconds = Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

function phaseReached(protocol: Protocol, position: string): string {
  if (position === 'finished' || position === protocol.approval.id) return position;
  const step = protocol.steps.find((candidate) => candidate.id === position);
  return step ? phaseOf(protocol, step).title : position;
}

export async function runSessions(globals: GlobalOptions, now: Date = new Date()): Promise<void> {
  const out = createOutput({
    colour: colourEnabled({ env: process.env, isTTY: process.stdout.isTTY, flag: globals.color }),
    quiet: globals.quiet,
  });
  const store = new SessionStore();
  const { ids, skipped } = store.list();
  const skippedWarning = skippedLine(store.dir, skipped);
  if (skippedWarning !== undefined) out.warn(skippedWarning);
  const protocols = new Map<string, Protocol>();
  const rows = [];
  for (const id of ids) {
    const loaded = loadRow(store, id);
    if (!loaded.ok) {
      rows.push({ id, valid: false as const, problem: loaded.problem });
      continue;
    }
    const { record } = loaded;
    const protocol = protocols.get(record.command) ?? (await protocolOf(record.command));
    protocols.set(record.command, protocol);
    rows.push({
      id,
      valid: true as const,
      command: record.command,
      title: record.state.title,
      phase: phaseReached(protocol, record.position),
      position: record.position,
      updated_at: record.updatedAt,
      age: age(new Date(record.updatedAt), now),
      finished: record.finished,
    });
  }
  if (globals.json) {
    out.result(JSON.stringify({ directory: store.dir, sessions: rows }, null, 2));
    return;
  }
  if (rows.length === 0) {
    out.info(`No saved sessions in ${store.dir}.`);
    return;
  }
  out.result(
    plainTable(
      ['ID', 'COMMAND', 'WHERE', 'UPDATED', 'TITLE'],
      rows.map((row) =>
        row.valid
          ? [
              row.id,
              row.command,
              row.finished ? 'finished' : `at ${row.phase} (${row.position})`,
              `${row.age} ago`,
              row.title,
            ]
          : [row.id, 'invalid', `${row.problem} (not resumable; left as it is)`, '', ''],
      ),
    ),
  );
}

/** A file that cannot be read (no permission, gone meanwhile) is a row saying so, not the end of the listing. */
function loadRow(store: SessionStore, id: string): Loaded {
  try {
    return store.load(id);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, id, problem: error.message };
    throw error;
  }
}

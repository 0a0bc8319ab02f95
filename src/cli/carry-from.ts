/**
 * --from SESSION: a saved design or pipeline session's answers, carried into a lifecycle session
 * as defaults. The session is read, never changed: a file that cannot be read stops the run (65,
 * 66) before the first question, and nothing is moved aside, because it is not this run's session.
 */
import { badInput, usageError } from '../errors.js';
import { carriedAnswers, carriedDocument } from '../protocols/lifecycle/carry.js';
import type { ContextDocument, Protocol, QuestionSlot } from '../protocol/types.js';
import { SESSION_ID, SessionStore, shownId } from '../session/store.js';

export function carryFrom(id: string, protocol: Protocol, say: (line: string) => void): ContextDocument {
  if (!SESSION_ID.test(id))
    throw usageError(
      `--from: "${shownId(id)}" is not a session id (ids look like 20261122-115000-ab12)`,
      'List them with: mlops-design sessions',
    );
  const loaded = new SessionStore().load(id);
  if (!loaded.ok) throw badInput(`--from: session ${id} cannot be read: ${loaded.problem}`);
  const { record } = loaded;
  if (record.command !== 'design' && record.command !== 'pipeline')
    throw usageError(
      `--from: session ${id} is ${record.command === 'interview' ? 'an' : 'a'} ${record.command} session; give a design or pipeline session`,
    );
  const questions = protocol.steps.filter((step): step is QuestionSlot => step.kind === 'question');
  const { answers, decisions } = record.state;
  const carried = carriedAnswers({ id, protocol: record.command, answers, decisions }, questions);
  const ids = Object.keys(carried);
  say(
    ids.length === 0
      ? `Carried nothing from session ${id}: none of its answers is one the lifecycle asks.`
      : `Carried from session ${id} as defaults: ${ids.map((key) => `${key} = "${carried[key]?.text ?? ''}"`).join('; ')}.`,
  );
  return carriedDocument(id, carried);
}

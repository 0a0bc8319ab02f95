/**
 * Where `--record FILE` may write, checked before the first question: never the answers file or the
 * cassette being replayed (the same file under any name: compared by device and inode, then by real
 * path), never an existing file without --force, and only a file in a folder that exists.
 */
import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError, ExitCode, usageError } from '../errors.js';

const statOf = (path: string, link = false): Stats | undefined => {
  try {
    return link ? lstatSync(path) : statSync(path);
  } catch {
    return undefined;
  }
};

const realOf = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

function samePlace(a: string, b: string): boolean {
  const [first, second] = [statOf(a), statOf(b)];
  if (first && second) return first.dev === second.dev && first.ino === second.ino;
  return realOf(a) === realOf(b);
}

export interface RecordInputs {
  readonly force: boolean;
  /** Files the session reads, by what they are: the record must never replace one of them. */
  readonly reads: readonly { readonly path: string; readonly what: string }[];
}

export function checkRecordTarget(path: string, inputs: RecordInputs): void {
  for (const read of inputs.reads) {
    if (samePlace(path, read.path))
      throw usageError(
        `--record ${path}: would overwrite the ${read.what}`,
        'Record the cassette to another file.',
      );
  }
  const cannot = (why: string, hint: string): AppError =>
    new AppError(ExitCode.outputExists, `--record ${path}: ${why}`, hint);
  // A link to nowhere exists too: writing through it would create a file elsewhere.
  const stats = statOf(path) ?? statOf(path, true);
  if (stats?.isDirectory())
    throw cannot('is a folder, not a file', 'Give the path of a file, e.g. --record session.jsonl.');
  if (stats && !inputs.force)
    throw cannot('already exists', 'Pass --force to replace it, or record to another file.');
  if (stats && !stats.isFile())
    throw cannot('is not a regular file', 'Record to a regular file, e.g. --record session.jsonl.');
  const folder = statOf(dirname(resolve(path)));
  if (!folder?.isDirectory())
    throw cannot(
      `the folder ${dirname(path)} does not exist`,
      'Create the folder first, or record to a file in an existing folder.',
    );
}

/**
 * What every hostile-input and fault test asserts about a failure, in one place: the contract's
 * exit code, one error line on stderr (hints may follow, indented), no stack trace, no "internal
 * error", no terminal control sequence anywhere in what was printed, and the API key nowhere.
 */
import type { ExpectStatic } from 'vitest';
import { stackFrames, type CliResult } from './run-cli.js';

/** A key the tests hand to the CLI; it must never appear in anything the CLI prints or writes. */
export const SECRET_KEY = 'sk-ant-api03-TEST-SECRET-abcdefghijklmnopqrstuvwxyz0123456789';

/** Any C0 control other than tab and newline, DEL, or a C1 control: what a terminal acts on. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Asserts text is free of terminal control characters and of the key. */
export function expectPrintable(expect: ExpectStatic, text: string, what = 'output'): void {
  const at = CONTROL_CHARACTER.exec(text);
  expect(at, `${what} has a control character at ${at?.index ?? -1}: ${JSON.stringify(text)}`).toBeNull();
  expect(text, `${what} shows the API key`).not.toContain(SECRET_KEY);
}

/**
 * A clean failure: `code`, stdout empty (unless `stdout: 'any'`), exactly one `mlops-design:` line
 * on stderr, every other stderr line indented (details and hints), printable, no key. Returns the
 * error line.
 */
export function expectCleanFailure(
  expect: ExpectStatic,
  result: CliResult,
  code: number,
  options: { readonly stdout?: 'empty' | 'any' } = {},
): string {
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  expect(result.code, `exit code; stderr:\n${result.stderr}`).toBe(code);
  if (options.stdout !== 'any') expect(result.stdout).toBe('');
  expect(stackFrames(result.stderr)).toEqual([]);
  expect(result.stderr).not.toContain('internal error');
  expectPrintable(expect, result.stderr, 'stderr');
  expectPrintable(expect, result.stdout, 'stdout');
  const errors = lines.filter((line) => line.startsWith('mlops-design:'));
  expect(errors, `one error line in:\n${result.stderr}`).toHaveLength(1);
  return errors[0] ?? '';
}

/** The one-line form of a zod error that parsers put after a file name: "path: message". */
import type { ZodError } from 'zod';

export function firstIssue(error: ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
}

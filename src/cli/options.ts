/** Global flags, validated with zod at the boundary. */
import { z } from 'zod';
import { usageError } from '../errors.js';

const globalSchema = z.object({
  out: z.string().min(1),
  force: z.boolean(),
  check: z.boolean(),
  copilot: z.enum(['offline', 'anthropic', 'replay']).optional(),
  model: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a model id like claude-sonnet-5-5')
    .optional(),
  record: z.string().min(1).optional(),
  cassette: z.string().min(1).optional(),
  json: z.boolean(),
  color: z.boolean(),
  quiet: z.boolean(),
  input: z.boolean(),
});

export type GlobalOptions = z.infer<typeof globalSchema>;

export function parseGlobalOptions(raw: Record<string, unknown>): GlobalOptions {
  const parsed = globalSchema.safeParse({ color: true, input: true, check: false, ...raw });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(`--${issue?.path.join('.') ?? 'option'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * The manifest of what mlops-design last wrote into an --out directory (.mlops-design/manifest.json):
 * each path with the sha256 of the bytes written. On --force it tells the tool's own, unedited
 * output (same hash: replaced) from a document someone edited (different hash, or not listed: kept
 * under a numbered backup first). A manifest that cannot be read only makes every file count as
 * edited, which keeps more, never less.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { fail, ok, type Result } from '../lib/result.js';
import { firstIssue } from '../lib/zod-issue.js';
import { jsonArtifact, type Artifact } from './artifacts.js';
import { MANIFEST_PATH } from './plan.js';

const SCHEMA = 'mlops-design/manifest@1';

const manifestSchema = z.strictObject({
  schema: z.literal(SCHEMA),
  files: z.record(z.string(), z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

/** Path (relative to --out) -> sha256 of the content the tool wrote there. */
export type Manifest = ReadonlyMap<string, string>;

export const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

export function parseManifest(text: string): Result<Manifest> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('not valid JSON');
  }
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) return fail(firstIssue(parsed.error));
  return ok(new Map(Object.entries(parsed.data.files).map(([path, file]) => [path, file.sha256])));
}

/** The manifest after writing `written`: earlier entries kept (another session's files), these updated. */
export function nextManifest(previous: Manifest, written: readonly Artifact[]): Artifact {
  const files = new Map(previous);
  for (const artifact of written) files.set(artifact.path, sha256(artifact.content));
  const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return jsonArtifact(MANIFEST_PATH, {
    schema: SCHEMA,
    files: Object.fromEntries(sorted.map(([path, hash]) => [path, { sha256: hash }])),
  });
}

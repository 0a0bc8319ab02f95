// The tests' loopback fake Messages API (TypeScript) for the scripts: bundled with esbuild into a
// scratch folder and imported, so bench:tokens and the cassette recorder use the same double.
import { join } from 'node:path';
import { build } from 'esbuild';

export async function loadFakeApi(root, scratch) {
  const outfile = join(scratch, 'fake-anthropic.mjs');
  await build({
    entryPoints: [join(root, 'test/support/fake-anthropic.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  return import(outfile);
}

// Every test runs with no network credentials and with state pointed at a throwaway folder:
// nothing a test does may read the developer's API key or write into their home.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

for (const key of Object.keys(process.env)) {
  if (key.startsWith('ANTHROPIC_')) Reflect.deleteProperty(process.env, key);
}
delete process.env.CI_FORCE_INTERACTIVE;
const scratch = mkdtempSync(join(tmpdir(), 'mlops-design-test-'));
process.env.MLOPS_DESIGN_STATE_DIR = join(scratch, 'state');
process.env.XDG_STATE_HOME = join(scratch, 'xdg-state');
process.env.XDG_CONFIG_HOME = join(scratch, 'xdg-config');
// The SDK reads credentials and profiles from its config directory: an empty one, never the user's.
process.env.ANTHROPIC_CONFIG_DIR = join(scratch, 'anthropic-config');
process.env.NO_COLOR = '1';

#!/usr/bin/env node
// The tools the lifecycle tests validate generated files with, made present before `npm test` runs:
// - the Argo Workflows models (@kubernetes-models/argo-workflows 2.x, the only line that knows v4's
//   spec.schedules): they declare Node >= 22 but run on Node 20, so engine-strict keeps them out of
//   the lockfile and they install beside it, in the git-ignored .ci/tools/;
// - promtool (Debian's prometheus package), shellcheck and python3 (for py_compile), installed with
//   apt-get when this user may, and otherwise named with the command that installs them. The tests
//   fail, not skip, without any of them (test/support/lifecycle-validate.ts throws).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ARGO = '@kubernetes-models/argo-workflows@2.0.0';
const argoDir = `${root}.ci/tools/argo-models`;

if (!existsSync(`${argoDir}/node_modules/@kubernetes-models/argo-workflows/package.json`)) {
  console.error(`test-tools: installing ${ARGO} into .ci/tools/argo-models`);
  execFileSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--engine-strict=false',
      '--prefix',
      argoDir,
      ARGO,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
// Each command the tests run, and the Debian package that has it.
const PACKAGES = { promtool: 'prometheus', shellcheck: 'shellcheck', python3: 'python3-minimal' };
const missing = Object.entries(PACKAGES).filter(([command]) => !has(command));
if (missing.length > 0) {
  const packages = missing.map(([, name]) => name);
  const asRoot = process.getuid?.() === 0;
  const sudo = !asRoot && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (has('apt-get') && (asRoot || sudo)) {
    console.error(`test-tools: installing ${packages.join(', ')} (Debian packages)`);
    const apt = (...args) =>
      execFileSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    apt('update', '-qq');
    apt('install', '-y', '-qq', '--no-install-recommends', ...packages);
  } else {
    console.error(
      `test-tools: ${missing.map(([command]) => command).join(' and ')} missing; the lifecycle tests run them on the generated files. Install them (Debian/Ubuntu: sudo apt-get install ${packages.join(' ')}; macOS: brew install ${packages.join(' ')}) and run npm test again.`,
    );
    process.exit(1);
  }
}

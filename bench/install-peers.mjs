// Installs the benchmark's peers (bench/package.json) into bench/node_modules when they are
// missing or not the versions its lockfile names, so the root `npm ci` stays lean.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const bench = new URL('.', import.meta.url);
const lock = JSON.parse(readFileSync(new URL('package-lock.json', bench), 'utf8'));
const require = createRequire(new URL('package.json', bench));

function installedVersion(name) {
  try {
    return require(`${name}/package.json`).version;
  } catch {
    return undefined;
  }
}

const stale = Object.keys(lock.packages[''].dependencies).filter(
  (name) => installedVersion(name) !== lock.packages[`node_modules/${name}`]?.version,
);
if (stale.length > 0) {
  console.log(`bench: installing the peers into bench/node_modules (${stale.join(', ')})`);
  // onnxruntime-node's postinstall downloads GPU libraries; its CPU build ships in the package.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: bench,
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error('bench: installing the peers failed (see above); `cd bench && npm ci` retries it');
    process.exit(result.status ?? 1);
  }
}

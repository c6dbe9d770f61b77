// Installs a tool folder's own dependencies (bench/ for the benchmark's peers, docs/ for TypeDoc,
// examples/classify/ for onnxruntime-node) into FOLDER/node_modules when they are missing or not
// the versions its lockfile names, so the root `npm ci` stays lean. Usage: node scripts/install-folder-dependencies.mjs FOLDER
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const folder = path.resolve(process.argv[2] ?? '.');
const lock = JSON.parse(readFileSync(path.join(folder, 'package-lock.json'), 'utf8'));
const require = createRequire(path.join(folder, 'package.json'));
const root = lock.packages[''];
const wanted = { ...root.dependencies, ...root.devDependencies };

function installedVersion(name) {
  try {
    return require(`${name}/package.json`).version;
  } catch {
    return undefined;
  }
}

// A linked dependency (`file:`, as an example's `poolnd`) is whatever it links to.
const wantedVersion = (name) => {
  const entry = lock.packages[`node_modules/${name}`];
  return entry?.link ? lock.packages[entry.resolved]?.version : entry?.version;
};
const stale = Object.keys(wanted).filter((name) => installedVersion(name) !== wantedVersion(name));
if (stale.length > 0) {
  const name = path.basename(folder);
  console.log(`${name}: installing into ${name}/node_modules (${stale.join(', ')})`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
    cwd: folder,
    stdio: 'inherit',
    // onnxruntime-node's postinstall downloads GPU libraries; its CPU build ships in the package.
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error(`${name}: installing failed (see above); \`cd ${name} && npm ci\` retries it`);
    process.exit(result.status ?? 1);
  }
}

// prepack: the published tarball must carry both Linux prebuilds, built from the sources it ships.
// Builds them (scripts/prebuild.mjs) when one is missing or older than a native source, where this
// host can (linux-x64 with the arm64 cross compiler), then checks each is a shared object for its
// arch; refuses to pack otherwise, so no install ever has to compile for linux-x64 or linux-arm64.
import { spawnSync } from 'node:child_process';
import { existsSync, openSync, readdirSync, readSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
// ELF e_machine of each arch's prebuild.
const prebuilds = [
  { arch: 'x64', file: 'prebuilds/linux-x64/poolnd.glibc.node', machine: 62 },
  { arch: 'arm64', file: 'prebuilds/linux-arm64/poolnd.glibc.node', machine: 183 },
];

function newestSource() {
  const files = ['CMakeLists.txt', 'package.json'];
  for (const entry of readdirSync(path.join(root, 'native'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.push(path.join(path.relative(root, entry.parentPath ?? entry.path), entry.name));
  }
  return files.reduce((newest, file) => Math.max(newest, statSync(path.join(root, file)).mtimeMs), 0);
}

// What is wrong with a prebuild, or undefined.
function problem({ file, machine }, sourcesTime) {
  const full = path.join(root, file);
  if (!existsSync(full)) return 'missing';
  const header = Buffer.alloc(20);
  const fd = openSync(full, 'r');
  readSync(fd, header, 0, 20, 0);
  closeSync(fd);
  if (header.readUInt32BE(0) !== 0x7f454c46) return 'not an ELF file';
  if (header.readUInt16LE(18) !== machine) return `built for ELF machine ${header.readUInt16LE(18)}, not ${machine}`;
  if (statSync(full).mtimeMs < sourcesTime) return 'older than the native sources';
  return undefined;
}

const sourcesTime = newestSource();
const report = () => prebuilds.map((prebuild) => ({ ...prebuild, problem: problem(prebuild, sourcesTime) }));
let checked = report();
const stale = checked.filter((prebuild) => prebuild.problem !== undefined);
if (stale.length > 0) {
  const canBuild = process.platform === 'linux' && process.arch === 'x64';
  for (const { file, problem: what } of stale) console.log(`prepack: ${file}: ${what}${canBuild ? '; building it' : ''}`);
  if (canBuild) {
    const built = spawnSync(process.execPath, [path.join(root, 'scripts/prebuild.mjs'), ...stale.map(({ arch }) => arch)], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) console.error('prepack: building the prebuilds failed (see above)');
    checked = report();
  }
}
const wrong = checked.filter((prebuild) => prebuild.problem !== undefined);
if (wrong.length > 0) {
  for (const { file, problem: what } of wrong) console.error(`prepack: ${file}: ${what}`);
  console.error(
    'prepack: refusing to pack without both Linux prebuilds. Build them on linux-x64 with `npm run prebuilds`\n' +
      '(needs cmake, g++ and g++-aarch64-linux-gnu; see CONTRIBUTING.md).',
  );
  process.exit(1);
}
console.log(`prepack: ${checked.map(({ file }) => file).join(' and ')} are current`);

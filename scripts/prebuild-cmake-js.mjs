#!/usr/bin/env node
// prebuildify's --node-gyp: it runs `<this> rebuild --target=<node> --arch=<arch> --release` in its
// working folder and takes the addon from build/Release there. This builds the package's
// CMakeLists.txt with cmake-js into that folder, cross-compiling for arm64 on an x64 host with
// cmake/aarch64-linux-gnu.cmake.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  args: process.argv.slice(3),
  options: { target: { type: 'string' }, arch: { type: 'string' }, release: { type: 'boolean' }, devdir: { type: 'string' } },
  strict: false,
});
const arch = values.arch ?? process.arch;
const args = ['rebuild', '--directory', root, '--out', path.resolve('build'), '--config', 'Release'];
if (arch !== process.arch) {
  if (arch !== 'arm64' || process.arch !== 'x64') {
    console.error(`prebuild-cmake-js: cannot cross-compile from ${process.arch} to ${arch}`);
    process.exit(1);
  }
  args.push(`--CDCMAKE_TOOLCHAIN_FILE=${path.join(root, 'cmake', 'aarch64-linux-gnu.cmake')}`);
}
const cmakeJs = createRequire(import.meta.url).resolve('cmake-js/bin/cmake-js');
const result = spawnSync(process.execPath, [cmakeJs, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);

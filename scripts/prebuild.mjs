// Builds prebuilds/linux-<arch>/poolnd.glibc.node (N-API, stripped) with prebuildify for each
// arch given (default: x64 and arm64), each in its own folder under build-prebuild/, so the
// development build in build/ stays as it is. arm64 cross-compiles with g++-aarch64-linux-gnu.
//   node scripts/prebuild.mjs [x64] [arm64]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const arches = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['x64', 'arm64'];
const prebuildify = createRequire(import.meta.url).resolve('prebuildify/bin.js');
const strip = { x64: 'strip', arm64: 'aarch64-linux-gnu-strip' };

for (const arch of arches) {
  if (!(arch in strip)) {
    console.error(`prebuild: unknown arch ${arch} (x64 or arm64)`);
    process.exit(2);
  }
  const folder = path.join(root, 'build-prebuild', arch);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  rmSync(path.join(root, 'prebuilds', `linux-${arch}`), { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    [
      prebuildify,
      '--napi',
      '--tag-libc',
      '--strip',
      `--strip-bin=${strip[arch]}`,
      '--platform=linux',
      `--arch=${arch}`,
      '--name=poolnd',
      `--cwd=${folder}`,
      `--out=${root}`,
      `--node-gyp=${path.join(root, 'scripts', 'prebuild-cmake-js.mjs')}`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error(`prebuild: linux-${arch} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`prebuild: wrote prebuilds/linux-${arch}/poolnd.glibc.node`);
}

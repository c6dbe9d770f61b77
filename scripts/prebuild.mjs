// Builds prebuilds/<platform>-<arch>/poolnd[.glibc].node (N-API) with prebuildify for each arch
// given, each in its own folder under build-prebuild/, so the development build in build/ stays
// as it is. On an x64 Linux host the default is x64 and arm64 (cross-compiled with
// g++-aarch64-linux-gnu); elsewhere the host's own arch.
//   node scripts/prebuild.mjs [x64] [arm64]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const platform = process.platform;
const linux = platform === 'linux';
const hostDefault = linux && process.arch === 'x64' ? ['x64', 'arm64'] : [process.arch];
const arches = process.argv.slice(2).length > 0 ? process.argv.slice(2) : hostDefault;
const prebuildify = createRequire(import.meta.url).resolve('prebuildify/bin.js');
const shim = path.join(root, 'scripts', 'prebuild-cmake-js.mjs');
// prebuildify runs the shim through cmd on Windows, which needs Node named; elsewhere directly.
const nodeGyp = platform === 'win32' ? `"${process.execPath}" "${shim}"` : shim;

for (const arch of arches) {
  const crossing = arch !== process.arch;
  if (crossing && !(linux && process.arch === 'x64' && arch === 'arm64')) {
    console.error(`prebuild: cannot build ${platform}-${arch} on ${platform}-${process.arch}`);
    process.exit(2);
  }
  const folder = path.join(root, 'build-prebuild', arch);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  rmSync(path.join(root, 'prebuilds', `${platform}-${arch}`), { recursive: true, force: true });
  const args = [prebuildify, '--napi', `--platform=${platform}`, `--arch=${arch}`, '--name=poolnd'];
  if (linux) args.push('--tag-libc', '--strip', `--strip-bin=${crossing ? 'aarch64-linux-gnu-strip' : 'strip'}`);
  if (platform === 'darwin') args.push('--strip');
  args.push(`--cwd=${folder}`, `--out=${root}`, `--node-gyp=${nodeGyp}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`prebuild: ${platform}-${arch} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`prebuild: wrote prebuilds/${platform}-${arch}/poolnd${linux ? '.glibc' : ''}.node`);
}

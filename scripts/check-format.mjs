// clang-format over the tracked C++ (native/, test/native/, bench/native/), with the style in
// .clang-format. Usage: node scripts/check-format.mjs [--write]
// Without --write (npm run lint) it changes nothing and fails, naming the files, when one is not
// formatted; with --write (npm run format) it formats them in place.
// The formatter is the clang-format binary of the clang-format-node devDependency (LLVM 22, for
// linux x64/arm64, macOS and Windows), so `npm ci` is all it needs. Another clang-format can be
// named with CLANG_FORMAT=/path/to/clang-format; a different major version formats differently.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const expectedMajor = 22; // clang-format-node 3.x's LLVM; pinned in package.json
const folders = ['native', 'test/native', 'bench/native'];
const extensions = new Set(['.cc', '.cpp', '.h', '.hpp', '.inc']);

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const write = process.argv.includes('--write');

function fail(message) {
  console.error(`check-format: ${message}`);
  process.exit(1);
}

function clangFormat() {
  if (process.env.CLANG_FORMAT) return process.env.CLANG_FORMAT;
  try {
    return createRequire(import.meta.url)('clang-format-node').clangFormatPath;
  } catch (error) {
    fail(
      `no clang-format: ${error.message.split('\n')[0]}\n` +
        'Run `npm ci` (it installs clang-format-node, a devDependency). Where clang-format-node has no binary\n' +
        `for ${process.platform}-${process.arch}, install clang-format ${expectedMajor} (LLVM's packages or your system's)\n` +
        'and name it: CLANG_FORMAT=/path/to/clang-format npm run lint',
    );
  }
}

// The C++ files git tracks; outside a git checkout, every such file in the folders.
function sourceFiles() {
  const listed = spawnSync('git', ['ls-files', '-z', '--', ...folders], { cwd: root, encoding: 'utf8' });
  const files =
    listed.status === 0
      ? listed.stdout.split('\0').filter(Boolean)
      : folders
          .filter((folder) => existsSync(path.join(root, folder)))
          .flatMap((folder) => readdirSync(path.join(root, folder), { recursive: true }).map((file) => path.join(folder, file)));
  return files.filter((file) => extensions.has(path.extname(file))).sort();
}

const binary = clangFormat();
const version = spawnSync(binary, ['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) {
  fail(`cannot run ${binary}: ${version.error?.message ?? version.stderr.trim()}`);
}
const major = Number(/version (\d+)\./.exec(version.stdout)?.[1]);
if (major !== expectedMajor) {
  console.warn(`check-format: ${binary} is clang-format ${major || '?'}, not ${expectedMajor}: its output may differ`);
}

const files = sourceFiles();
const args = write ? ['-i', '--style=file'] : ['--dry-run', '--Werror', '--ferror-limit=1', '--style=file'];
const unformatted = new Set();
// In batches, to stay under command-line length limits.
for (let i = 0; i < files.length; i += 100) {
  const run = spawnSync(binary, [...args, ...files.slice(i, i + 100)], { cwd: root, encoding: 'utf8' });
  if (run.error) fail(`cannot run ${binary}: ${run.error.message}`);
  for (const match of run.stderr.matchAll(/^(.+?):\d+:\d+: error: code should be clang-formatted/gm)) {
    unformatted.add(path.relative(root, path.resolve(root, match[1])).split(path.sep).join('/'));
  }
  if (run.status !== 0 && (write || unformatted.size === 0)) fail(run.stderr.trim() || `${binary} exited with ${run.status}`);
}

if (write) {
  console.log(`check-format: formatted ${files.length} C++ files with clang-format ${major}`);
} else if (unformatted.size > 0) {
  console.error([...unformatted].map((file) => `[warn] ${file}`).join('\n'));
  fail(`${unformatted.size} of ${files.length} C++ files are not clang-formatted; npm run format formats them`);
} else {
  console.log(`check-format: all ${files.length} C++ files are clang-formatted (clang-format ${major})`);
}

// clang-format over the tracked C++ (native/, test/native/, bench/native/), with the style in
// .clang-format. Usage: node scripts/check-format.mjs [--write]
// Without --write (npm run lint) it changes nothing and fails, naming the files, when one is not
// formatted; with --write (npm run format) it formats them in place.
// The formatter is LLVM's clang-format compiled to WebAssembly (@wasm-fmt/clang-format, pinned in
// package.json): one 5 MB package for every platform, where native builds for all of them take 39 MB.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { format, version } from '@wasm-fmt/clang-format';

const folders = ['native', 'test/native', 'bench/native'];
const extensions = new Set(['.cc', '.cpp', '.h', '.hpp', '.inc']);

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const write = process.argv.includes('--write');
const style = readFileSync(path.join(root, '.clang-format'), 'utf8');

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

const files = sourceFiles();
const unformatted = [];
for (const file of files) {
  const source = readFileSync(path.join(root, file), 'utf8');
  // .inc lists are C++ too; the formatter picks the language from the name.
  const formatted = format(source, file.endsWith('.inc') ? `${file}.h` : file, style);
  if (formatted === source) continue;
  unformatted.push(file);
  if (write) writeFileSync(path.join(root, file), formatted);
}

const llvm = version().replace(/^clang-format version (\S+).*/s, '$1');
if (write) {
  console.log(`check-format: formatted ${unformatted.length} of ${files.length} C++ files (clang-format ${llvm})`);
} else if (unformatted.length > 0) {
  console.error(unformatted.map((file) => `[warn] ${file}`).join('\n'));
  console.error(
    `check-format: ${unformatted.length} of ${files.length} C++ files are not clang-formatted; npm run format formats them`,
  );
  process.exit(1);
} else {
  console.log(`check-format: all ${files.length} C++ files are clang-formatted (clang-format ${llvm})`);
}

// Writes dist/index.mjs and dist/index.d.mts: an ES module entry that re-exports the CommonJS
// build, so `import` and `require` share one instance of the library and its native addon.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const names = Object.keys(require('../dist/index.js')).filter((name) => name !== '__esModule');

writeFileSync(
  new URL('../dist/index.mjs', import.meta.url),
  `import poolnd from './index.js';\n\nexport const {\n${names.map((name) => `  ${name},`).join('\n')}\n} = poolnd;\n`,
);
writeFileSync(new URL('../dist/index.d.mts', import.meta.url), "export * from './index.js';\n");

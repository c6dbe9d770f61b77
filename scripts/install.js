// npm install hook: use a binary that loads (a prebuild or an earlier build); otherwise, or with
// --build-from-source, build the addon from source with cmake-js.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');

function loads() {
  try {
    require(require('node-gyp-build').resolve(root));
    return true;
  } catch {
    return false;
  }
}

const fromSource = /^(true|1|poolnd)$/.test(process.env.npm_config_build_from_source || '');
if (!fromSource && loads()) process.exit(0);

const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
const result = spawnSync(process.execPath, [cmakeJs, 'rebuild'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error(
    'poolnd: building the native addon from source failed. It needs cmake (>= 3.15) and a C++17 compiler;\n' +
      'on Debian/Ubuntu: apt-get install cmake g++',
  );
}
process.exit(result.status ?? 1);

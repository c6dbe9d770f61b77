// npm install hook. A binary that loads (a prebuild, or an earlier build) needs nothing more, so
// an install with --ignore-scripts works as well. Otherwise, or with --build-from-source, the addon
// is built with cmake-js, which is not one of poolnd's dependencies (a prebuild needs no build
// tools): where the app lacks it, say what to install and leave the install itself to succeed, as
// sharp does; loading poolnd then throws ERR_POOLND_NATIVE_LOAD with the same advice.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const target = `${process.platform}-${process.arch}, Node ${process.versions.node}`;
const help =
  'To build from source, install cmake (>= 3.15) and a C++17 compiler (Debian/Ubuntu: apt-get install cmake g++), then:\n' +
  '  npm install --save-dev cmake-js node-addon-api && npm rebuild poolnd --build-from-source';

function loads() {
  try {
    require(require('node-gyp-build').resolve(root));
    return true;
  } catch {
    return false;
  }
}

function resolveFromApp(request) {
  try {
    return require.resolve(request, { paths: [root, process.env.INIT_CWD || process.cwd()] });
  } catch {
    return undefined;
  }
}

const fromSource = /^(true|1|poolnd)$/.test(process.env.npm_config_build_from_source || '');
if (!fromSource && loads()) process.exit(0);

const cmakeJs = resolveFromApp('cmake-js/bin/cmake-js');
const addonApi = resolveFromApp('node-addon-api');
if (cmakeJs === undefined || addonApi === undefined) {
  const missing = [cmakeJs === undefined && 'cmake-js', addonApi === undefined && 'node-addon-api'].filter(Boolean);
  const why = fromSource ? 'building from source was asked for' : `no prebuilt binary loads on ${target}`;
  console.error(`poolnd: ${why}, and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed.\n${help}`);
  // Asked to build and cannot: fail. Otherwise the package installs; loading it explains again.
  process.exit(fromSource ? 1 : 0);
}

const result = spawnSync(process.execPath, [cmakeJs, 'rebuild'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error(`poolnd: building the native addon from source failed (${target}).\n${help}`);
}
process.exit(result.status ?? 1);

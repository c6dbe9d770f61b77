// Each ISA's translation unit (native/kernels/isa/<isa>_microkernels.cc) is the only code built
// with that ISA's flags. The isolation holds only while everything in it has internal linkage:
// a weak (inline, template) symbol it exported could be the copy the linker keeps for baseline
// code too, and run AVX2 instructions on a CPU without them. So its objects must export the
// microkernels of its lines in native/kernels/microkernels.inc and nothing else.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cmakeFiles = path.join(root, 'build', 'CMakeFiles');

function hasNm(): boolean {
  try {
    execFileSync('nm', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// The objects of each ISA's unit in the npm build (GNU toolchains: build/CMakeFiles/<target>.dir/...o).
function isaObjects(): { isa: string; object: string }[] {
  if (!existsSync(cmakeFiles)) return [];
  return readdirSync(cmakeFiles)
    .map((entry) => /^poolnd_microkernels_(\w+)\.dir$/.exec(entry))
    .filter((match) => match !== null)
    .map((match) => {
      const isa = match![1];
      return { isa, object: path.join(cmakeFiles, match![0], 'native', 'kernels', 'isa', `${isa}_microkernels.cc.o`) };
    })
    .filter(({ object }) => existsSync(object));
}

const listed = readFileSync(path.join(root, 'native', 'kernels', 'microkernels.inc'), 'utf8')
  .split('\n')
  .flatMap((line) => {
    const kernel = /^POOLND_MICROKERNEL\((\w+), (\w+), (\w+), (\w+), \w+\)$/.exec(line);
    if (kernel) return [{ isa: kernel[1], name: `poolnd::${kernel[2]}_${kernel[3]}_${kernel[4]}_${kernel[1]}` }];
    const modelInput = /^POOLND_MODEL_INPUT_MICROKERNEL\((\w+), (\w+), \w+\)$/.exec(line);
    return modelInput ? [{ isa: modelInput[1], name: `poolnd::model_input_${modelInput[2]}_${modelInput[1]}` }] : [];
  });

// Every C++ unit with exception tables has this weak data pointer to the one personality routine;
// AddressSanitizer builds (scripts/sanitize.sh) add an ODR indicator beside each global.
const sharedByEveryUnit = (name: string) => name === 'DW.ref.__gxx_personality_v0' || name.startsWith('__odr_asan');

const objects = isaObjects();
const runnable = process.platform === 'linux' && objects.length > 0 && hasNm();

describe.skipIf(!runnable)('ISA translation units', () => {
  it.each(objects)('$isa exports its listed microkernels and no weak symbol', ({ isa, object }) => {
    const symbols = execFileSync('nm', ['-C', object], { encoding: 'utf8' })
      .split('\n')
      .map((line) => /^[0-9a-f ]+ ([A-Za-z]) (.+)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => ({ type: match![1], name: match![2] }))
      .filter(({ name }) => !sharedByEveryUnit(name));
    expect(symbols.filter(({ type }) => 'WwVvu'.includes(type))).toEqual([]);
    const exported = symbols.filter(({ type }) => type !== 'U' && type === type.toUpperCase()).map(({ name }) => name);
    const expected = listed.filter((kernel) => kernel.isa === isa).map(({ name }) => name);
    expect(expected.length).toBeGreaterThan(0);
    expect(exported.sort()).toEqual(expected.sort());
  });
});

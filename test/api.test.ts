// The package surface: entry points, tensor forms, empty tensors, runtime facts.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';
import { execNode } from './child-process';

const require = createRequire(import.meta.url);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

describe('package entry points', () => {
  it('require() and import give the same functions from one instance (in plain Node)', () => {
    // Run outside vitest, whose module loader would give the two entries separate instances.
    const script = `
      import { createRequire } from 'node:module';
      import * as fromImport from 'poolnd';
      const fromRequire = createRequire(import.meta.url)('poolnd');
      const names = Object.keys(fromRequire).filter((name) => name !== '__esModule').sort();
      const same = names.every((name) => fromImport[name] === fromRequire[name]);
      console.log(JSON.stringify({ names, importNames: Object.keys(fromImport).sort(), same }));
    `;
    const report = JSON.parse(execNode(['--input-type=module', '-e', script], { cwd: packageRoot, encoding: 'utf8' })) as {
      names: string[];
      importNames: string[];
      same: boolean;
    };
    expect(report.names).toContain('maxPool2d');
    expect(report.importNames).toEqual(report.names);
    expect(report.same).toBe(true);
  });

  it('exports every op of API.md with its async twin', () => {
    const windowed = ['maxPool', 'avgPool', 'lpPool', 'adaptiveAvgPool', 'adaptiveMaxPool', 'maxUnpool'];
    const ops = [...windowed.flatMap((op) => ['1d', '2d', '3d'].map((dims) => `${op}${dims}`)), 'globalAvgPool', 'globalMaxPool'];
    for (const op of ops) {
      expect(typeof (poolnd as Record<string, unknown>)[op], op).toBe('function');
      expect(typeof (poolnd as Record<string, unknown>)[`${op}Async`], op).toBe('function');
    }
  });
});

describe('tensors', () => {
  const values = [3, 1, 4, 1, 5, 9, 2, 6];

  it('accepts a Node Buffer as a Uint8Array and returns a Buffer', () => {
    const result = poolnd.maxPool1d({ data: Buffer.from(values), shape: [1, 8] }, { kernelSize: 2 });
    expect(Buffer.isBuffer(result.data)).toBe(true);
    expect(Array.from(result.data)).toEqual([3, 4, 9, 6]);
  });

  it('accepts `dims` instead of `shape` (onnxruntime-node tensors)', () => {
    const result = poolnd.maxPool1d({ data: new Float32Array(values), dims: [1, 1, 8] }, { kernelSize: 4 });
    expect(result.shape).toEqual([1, 1, 2]);
    expect(Array.from(result.data)).toEqual([4, 9]);
  });

  it('reads data at any byteOffset', () => {
    const backing = new Float64Array([100, ...values, 100]);
    const view = backing.subarray(1, 9);
    expect(Array.from(poolnd.avgPool1d({ data: view, shape: [1, 8] }, { kernelSize: 2 }).data)).toEqual([2, 2.5, 7, 4]);
  });

  it('gives empty outputs for N = 0 and C = 0, and keeps the shape', () => {
    const noBatch = poolnd.maxPool2d({ data: new Float32Array(0), shape: [0, 3, 4, 4] }, { kernelSize: 2 });
    expect(noBatch.shape).toEqual([0, 3, 2, 2]);
    expect(noBatch.data.length).toBe(0);
    const noChannels = poolnd.avgPool2d({ data: new Int16Array(0), shape: [2, 4, 4, 0] }, { kernelSize: 2, channelsLast: true });
    expect(noChannels.shape).toEqual([2, 2, 2, 0]);
    expect(noChannels.data).toBeInstanceOf(Int16Array);
  });

  it('keeps unbatched inputs unbatched in both layouts', () => {
    const rgb = { data: new Uint8Array(4 * 6 * 3).map((_, i) => i), shape: [4, 6, 3] };
    const result = poolnd.avgPool2d(rgb, { kernelSize: 2, channelsLast: true });
    expect(result.shape).toEqual([2, 3, 3]);
    // Pixel (0, 0), channel 1 averages pixels (0,0), (0,1), (1,0), (1,1): 1, 4, 19, 22.
    expect(result.data[1]).toBe(Math.round((1 + 4 + 19 + 22) / 4));
  });

  it('returns indices as plane offsets in either layout', () => {
    const planar = { data: new Float32Array([0, 5, 1, 2, 3, 4, 9, 8, 7]), shape: [1, 3, 3] };
    const first = poolnd.maxPool2d(planar, { kernelSize: 2, stride: 1, returnIndices: true });
    expect(Array.from(first.indices.data)).toEqual([1, 1, 6, 7]);
    const interleaved = { data: new Float32Array([0, 5, 1, 2, 3, 4, 9, 8, 7]), shape: [3, 3, 1] };
    const last = poolnd.maxPool2d(interleaved, { kernelSize: 2, stride: 1, returnIndices: true, channelsLast: true });
    expect(Array.from(last.indices.data)).toEqual([1, 1, 6, 7]);
  });
});

describe('runtime', () => {
  it('reports the kernels, threads and the binary in use', () => {
    const facts = poolnd.info();
    expect(facts.version).toBe(require('../package.json').version);
    expect(facts.simd).toBe(poolnd.simdLevel());
    expect(['avx512', 'avx2', 'sse2', 'neon', 'scalar']).toContain(facts.simd);
    expect(facts.threads).toBe(poolnd.getNumThreads());
    expect(facts.threads).toBeGreaterThanOrEqual(1);
    expect(facts.arch).toBe(process.arch);
    expect(facts.binding.endsWith('.node')).toBe(true);
    expect(existsSync(facts.binding)).toBe(true);
  });

  it('loads the prebuild for this platform under PREBUILDS_ONLY, else the local build', () => {
    const binding = poolnd.info().binding.split(path.sep).join('/');
    if (process.env.PREBUILDS_ONLY) {
      expect(binding).toMatch(new RegExp(`/prebuilds/${process.platform}-${process.arch}/poolnd(\\.glibc)?\\.node$`));
    } else {
      expect(binding).toMatch(/\/build\/Release\/poolnd\.node$/);
    }
  });

  // The prebuild lanes of .ci/run set POOLND_SIMD to each level the binary has.
  it.runIf(process.env.POOLND_SIMD)('runs at the SIMD level POOLND_SIMD asks for', () => {
    expect(poolnd.simdLevel()).toBe(process.env.POOLND_SIMD);
  });
});

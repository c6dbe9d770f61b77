// --json on every command: one JSON document on stdout that says what was done, and on failure
// one JSON document on stderr with the exit code; --quiet prints nothing on success.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { info, maxPool2d, poolOutputShape } from '../../dist/index.js';
import { writeNpy } from '../../dist/cli/npy.js';
import { runCli } from './run-cli';

const folder = mkdtempSync(path.join(os.tmpdir(), 'poolnd-cli-json-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const sample = fileURLToPath(new URL('../../examples/sample.png', import.meta.url));

const parsed = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('--json', () => {
  it('info: the facts info() gives', () => {
    const run = runCli(['info', '--json']);
    expect(run.status).toBe(0);
    const facts = info();
    expect(parsed(run.stdout)).toMatchObject({
      command: 'info',
      version: facts.version,
      simd: facts.simd,
      threads: facts.threads,
      binary: facts.binding,
    });
  });

  it('shape: the output shape and window the library works out', () => {
    const run = runCli(['shape', '--input', '1,3,224,224', '--kernel', '3', '--stride', '2', '--padding', '1', '--json']);
    expect(run.status).toBe(0);
    const document = parsed(run.stdout);
    expect(document.output).toEqual(poolOutputShape([1, 3, 224, 224], 2, { kernelSize: 3, stride: 2, padding: 1 }));
    expect(document).toMatchObject({ command: 'shape', bytesRead: 602112, bytesWritten: 150528, tapsPerWindow: 9 });
  });

  it('pool: what it read and wrote; --quiet prints nothing', () => {
    const array = { data: Float32Array.from({ length: 2 * 8 * 8 }, (_, i) => i % 13), shape: [2, 8, 8] };
    const input = path.join(folder, 'in.npy');
    writeFileSync(input, writeNpy(array));
    const output = path.join(folder, 'out.npy');
    const run = runCli(['pool', input, '-o', output, '--kernel', '2', '--json']);
    expect(run.status).toBe(0);
    const expectedShape = maxPool2d(array, { kernelSize: 2 }).shape;
    expect(parsed(run.stdout)).toMatchObject({
      command: 'pool',
      op: 'max',
      input: { file: input, shape: [2, 8, 8], dtype: 'float32' },
      output: { file: output, shape: expectedShape, dtype: 'float32' },
    });
    const text = runCli(['pool', input, '-o', output, '--kernel', '2']);
    expect(text.stdout).toMatch(/^max-pooled .*in\.npy \(2×8×8 float32\) into .*out\.npy \(2×4×4\) in [\d.]+ ms\n$/);
    expect(runCli(['pool', input, '-o', output, '--kernel', '2', '--quiet']).stdout).toBe('');
  });

  it('compare: the picture it wrote and its panels', () => {
    const output = path.join(folder, 'compare.png');
    const run = runCli(['compare', sample, '-o', output, '--json']);
    expect(run.status).toBe(0);
    const document = parsed(run.stdout) as { command: string; panels: string[]; output: { file: string } };
    expect(document.command).toBe('compare');
    expect(document.output.file).toBe(output);
    expect(document.panels).toHaveLength(3);
  });

  it('a failure is one JSON document on stderr, with the exit code: 2 for the call, 1 for a file', () => {
    const usage = runCli(['pool', sample, '-o', path.join(folder, 'x.png'), '--kernel', '1000', '--json']);
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    expect(parsed(usage.stderr)).toEqual({
      error: {
        command: 'pool',
        kind: 'usage',
        message: expect.stringContaining('--kernel must be no larger') as unknown,
        exitCode: 2,
      },
    });
    const missing = runCli(['pool', sample, '-o', path.join(folder, 'no-such-folder', 'x.png'), '--kernel', '2', '--json']);
    expect(missing.status).toBe(1);
    expect(parsed(missing.stderr)).toMatchObject({
      error: { kind: 'failure', message: expect.stringContaining('does not exist') as unknown },
    });
  });

  it('--version', () => {
    expect(parsed(runCli(['--version', '--json']).stdout)).toEqual({ version: info().version });
  });
});

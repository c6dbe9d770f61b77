// `poolnd shape`: the output shape the library computes, each dim's formula with its numbers,
// and bad arguments as exit code 2 with a message.
import { describe, expect, it } from 'vitest';

import { poolOutputShape } from '../../dist/index.js';
import { runCli } from './run-cli';

describe('poolnd shape', () => {
  it("prints the library's output shape and each spatial dim worked through", () => {
    const run = runCli(['shape', '--input', '1,3,224,224', '--kernel', '3', '--stride', '2', '--padding', '1']);
    expect(run.status).toBe(0);
    const expected = poolOutputShape([1, 3, 224, 224], 2, { kernelSize: 3, stride: 2, padding: 1 });
    expect(run.stdout).toContain(`output  [${expected.join(', ')}]`);
    expect(run.stdout).toContain('H: floor((224 + 1 + 1 − 1·(3 − 1) − 1) / 2) + 1 = floor(223 / 2) + 1 = 112');
    expect(run.stdout).toContain('W: floor((224 + 1 + 1 − 1·(3 − 1) − 1) / 2) + 1 = floor(223 / 2) + 1 = 112');
    // 150,528 input and 37,632 output float32 elements; 37,632 windows of 9 taps.
    expect(run.stdout).toContain('602 kB read, 151 kB written (float32: 150,528 + 37,632 elements)');
    expect(run.stdout).toContain('37,632 windows × 9 taps = 338,688');
  });

  it('follows ceil mode, per-dim options, dilation and the element type', () => {
    const args = [
      '--input',
      '2,4,9,10',
      '--kernel',
      '3,2',
      '--stride',
      '2,3',
      '--dilation',
      '2,1',
      '--ceil',
      '--dtype',
      'float64',
    ];
    const run = runCli(['shape', ...args]);
    expect(run.status).toBe(0);
    const expected = poolOutputShape([2, 4, 9, 10], 2, { kernelSize: [3, 2], stride: [2, 3], dilation: [2, 1], ceilMode: true });
    expect(run.stdout).toContain(`output  [${expected.join(', ')}]`);
    expect(run.stdout).toContain('H: ceil((9 + 0 + 0 − 2·(3 − 1) − 1) / 2) + 1 = ceil(4 / 2) + 1 = 3');
    expect(run.stdout).toContain('(float64: 720 + ');
  });

  it('says when ceil mode drops a last window that would start in the padding', () => {
    const run = runCli(['shape', '--input', '1,1,5', '--kernel', '2', '--padding', '1', '--ceil']);
    expect(run.status).toBe(0);
    const [, , width] = poolOutputShape([1, 1, 5], 1, { kernelSize: 2, padding: 1, ceilMode: true });
    expect(run.stdout).toContain(`= 4, less the last window, which would start in the padding: ${width}`);
    expect(width).toBe(3);
  });

  it.each([
    [['--kernel', '2'], '--input is required'],
    [['--input', '1,3,8,8'], '--kernel is required'],
    [['--input', '1,3,8,8', '--kernel', 'two'], '--kernel must be a whole number of at least 1, received "two"'],
    [['--input', '1,3,8,8', '--kernel', '2', '--dtype', 'float16'], '--dtype must be one of float32'],
    [['--input', '1,3,8,8', '--kernel', '9'], '--kernel must be no larger than the padded input'],
    [['--input', '1,3,8,8', '--kernel', '2', '--padding', '2'], '--padding must be at most half the kernel size'],
    [['--input', '1,3,8,8', '--kernel', '2', '--bogus'], "Unknown option '--bogus'"],
  ])('rejects %j with exit code 2 and a message', (args, message) => {
    const run = runCli(['shape', ...args]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Run poolnd shape --help for usage.');
  });

  it('has --help', () => {
    const run = runCli(['shape', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: poolnd shape --input N,C,H,W --kernel K [options]');
  });
});

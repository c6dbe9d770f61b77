// `poolnd plan`: the library's plan, as a table and as JSON, from layer tokens or a JSON file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { planLayers } from '../../dist/index.js';
import { runCli } from './run-cli';

const folder = mkdtempSync(path.join(tmpdir(), 'poolnd-plan-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const tokens = [
  'conv:out=32,k=1',
  'conv:out=256,k=5,p=2',
  'maxPool2d:k=3,s=2,p=1,ceil',
  'adaptiveAvgPool2d:out=4x4',
  'flatten',
  'linear:out=10,bias=false',
];
const layers = [
  { type: 'conv', outChannels: 32, kernelSize: 1 },
  { type: 'conv', outChannels: 256, kernelSize: 5, padding: 2 },
  { type: 'maxPool2d', kernelSize: 3, stride: 2, padding: 1, ceilMode: true },
  { type: 'adaptiveAvgPool2d', outputSize: [4, 4] },
  { type: 'flatten' },
  { type: 'linear', outFeatures: 10, bias: false },
] as const;

describe('poolnd plan', () => {
  it("prints the library's plan as a table with totals", () => {
    const run = runCli(['plan', '--input', '1,128,100,100', ...tokens]);
    expect(run.status).toBe(0);
    const plan = planLayers([1, 128, 100, 100], layers);
    expect(run.stdout).toMatch(/^Layer\s+Output shape\s+Params\s+MACs\s+FLOPs\s+Output\n/);
    expect(run.stdout).toMatch(/\nconv 2 +\[1, 256, 100, 100\] +205,056 +2,048,000,000 +4,096,000,000 +10\.2 MB\n/);
    expect(run.stdout).toContain(`Total params: ${plan.totals.parameters.toLocaleString('en-US')} `);
    expect(run.stdout).toContain(`Total MACs: ${plan.totals.macs.toLocaleString('en-US')} `);
  });

  it('--json is the plan; a JSON file of layers gives the same', () => {
    const plan = planLayers([1, 128, 100, 100], layers);
    const fromTokens = JSON.parse(runCli(['plan', '--input', '1,128,100,100', ...tokens, '--json']).stdout) as Record<
      string,
      unknown
    >;
    expect(fromTokens).toEqual({ command: 'plan', ...plan, bytesPerElement: 4 });
    const file = path.join(folder, 'layers.json');
    writeFileSync(file, JSON.stringify({ input: [1, 128, 100, 100], layers }));
    expect(JSON.parse(runCli(['plan', '--layers', file, '--json']).stdout)).toEqual(fromTokens);
  });

  it.each([
    [['plan', 'conv:out=4,k=3'], '--input is required'],
    [['plan', '--input', '1,3,8,8'], 'no layers'],
    [['plan', '--input', '1,3,8,8', 'conv:out=4,k=3,strides=2'], "unknown option 'strides' (did you mean 'stride'?)"],
    [['plan', '--input', '1,3,8,8', 'conv:out=4,k=two'], 'cannot read the value "two"'],
    [['plan', '--input', '1,3,8,8', 'conv:out=4,k=9'], "layers[0]: option 'kernelSize' must be no larger than the padded input"],
  ])('exits 2 on %j', (args, message) => {
    const run = runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

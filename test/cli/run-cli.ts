// Runs the built poolnd command (dist/cli/main.js) and returns its exit code and output.
import { fileURLToPath } from 'node:url';

import { spawnProgram } from '../child-process';

const main = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command; `nodeArgs` go to Node before it (a --require, say). */
export function runCli(args: string[], cwd?: string, nodeArgs: string[] = []): CliRun {
  const run = spawnProgram(process.execPath, [...nodeArgs, main, ...args], { encoding: 'utf8', cwd, timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

#!/usr/bin/env node
// The poolnd command: `poolnd <command> [options]`. Exit codes: 0 done, 1 failed (an unreadable
// or bad file), 2 called wrongly (printed with a pointer to --help). Every command takes --json
// (one JSON document on stdout; an error as one JSON document on stderr) and --quiet.
import { batchCommand } from './batch';
import { compareCommand } from './compare';
import { infoCommand } from './info';
import { planCommand } from './plan';
import { poolCommand } from './pool';
import { shapeCommand } from './shape';
import { spectrogramCommand } from './spectrogram';
import { commonHelp, UsageError, type Command } from './usage';

const commands: Command[] = [
  poolCommand,
  batchCommand,
  compareCommand,
  spectrogramCommand,
  shapeCommand,
  planCommand,
  infoCommand,
];

function mainHelp(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return (
    'Usage: poolnd <command> [options]\n\nCommands:\n' +
    commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}\n`).join('') +
    `\nEvery command takes:\n${commonHelp}` +
    "\nRun poolnd <command> --help for a command's options.\n"
  );
}

// A failure, for --json: what a script needs to tell a mistake in the call from a bad file.
function errorDocument(command: string | undefined, error: unknown, exitCode: number): string {
  const code = (error as { code?: unknown }).code;
  const document = {
    error: {
      command: command ?? null,
      kind: exitCode === 2 ? 'usage' : 'failure',
      message: (error as Error).message,
      ...(typeof code === 'string' ? { code } : {}),
      exitCode,
    },
  };
  return `${JSON.stringify(document)}\n`;
}

async function main(allArgs: string[]): Promise<number> {
  const json = allArgs.includes('--json');
  const quiet = allArgs.includes('--quiet');
  const args = allArgs.filter((arg) => arg !== '--json' && arg !== '--quiet');
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { version } = require('../../package.json') as { version: string };
    process.stdout.write(json ? `${JSON.stringify({ version })}\n` : `${version}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  try {
    if (command === undefined) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(command.help);
      return 0;
    }
    const outcome = await command.run(rest, { json });
    if (json) process.stdout.write(`${JSON.stringify({ command: command.name, ...outcome.document })}\n`);
    else if (!quiet && outcome.text !== '') process.stdout.write(outcome.text);
    return outcome.exitCode ?? 0;
  } catch (error) {
    const exitCode = error instanceof UsageError ? 2 : 1;
    if (json) {
      process.stderr.write(errorDocument(command?.name, error, exitCode));
      return exitCode;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`poolnd${command ? ` ${command.name}` : ''}: ${error.message}\n`);
      process.stderr.write(`Run poolnd ${command ? `${command.name} ` : ''}--help for usage.\n`);
      return 2;
    }
    process.stderr.write(`poolnd${command ? ` ${command.name}` : ''}: ${(error as Error).message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

#!/usr/bin/env node
// The poolnd command: `poolnd <command> [options]`. Exit codes: 0 done, 1 failed (an unreadable
// or bad file), 2 called wrongly (printed with a pointer to --help).
import { batchCommand } from './batch';
import { compareCommand } from './compare';
import { infoCommand } from './info';
import { poolCommand } from './pool';
import { shapeCommand } from './shape';
import { UsageError, type Command } from './usage';

const commands: Command[] = [poolCommand, batchCommand, compareCommand, shapeCommand, infoCommand];

function mainHelp(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return (
    'Usage: poolnd <command> [options]\n\nCommands:\n' +
    commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}\n`).join('') +
    "\nRun poolnd <command> --help for a command's options.\n"
  );
}

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    process.stdout.write(`${(require('../../package.json') as { version: string }).version}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  try {
    if (command === undefined) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(command.help);
      return 0;
    }
    return (await command.run(rest)) ?? 0;
  } catch (error) {
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

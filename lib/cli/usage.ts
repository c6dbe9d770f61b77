// Command-line arguments: node:util's parseArgs, a usage error that exits 2, and the parsers of
// option values the subcommands share.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * What a command did: `document`, printed as one JSON document with --json; `text`, printed
 * otherwise (unless --quiet); and the exit code when it is not 0.
 */
export interface Outcome {
  document: Record<string, unknown>;
  text: string;
  exitCode?: number;
}

/** How the command was asked to report: `json` for --json (no progress bars, no prose). */
export interface Reporting {
  json: boolean;
}

/** What a subcommand is: its name, one-line summary, help text (which main prints for -h and
 * --help), and what it runs. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[], reporting: Reporting): Promise<Outcome> | Outcome;
}

/** The flags every command takes, as main reads them. */
export const commonHelp = `  --json              print one JSON document on stdout (errors as JSON on stderr)
  --quiet             print nothing on success
`;

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed options, read by name, and the positional arguments. */
export class Arguments {
  constructor(
    private readonly values: Record<string, unknown>,
    readonly positionals: string[],
  ) {}

  string(name: string): string | undefined {
    const value = this.values[name];
    return typeof value === 'string' ? value : undefined;
  }

  /** The option's value; a UsageError when it is absent. */
  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw new UsageError(`--${name} is required`);
    return value;
  }

  flag(name: string): boolean {
    return this.values[name] === true;
  }
}

/** Options that each take a value, by name, for parse(). */
export function valueOptions(...names: string[]): Options {
  return Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
}

/** Parses args strictly; an unknown option or a missing value is a UsageError. */
export function parse(args: string[], options: Options, allowPositionals = false): Arguments {
  try {
    const { values, positionals } = parseArgs({
      args,
      options,
      allowPositionals,
      strict: true,
    });
    return new Arguments(values, positionals);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A whole number >= minimum. */
export function integerArgument(name: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!/^\s*[+-]?\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < minimum) {
    throw new UsageError(`--${name} must be a whole number of at least ${minimum}, received ${JSON.stringify(text)}`);
  }
  return value;
}

/** One whole number, or a comma-separated list of them ("3" or "3,2"). */
export function integerListArgument(name: string, text: string, minimum: number): number[] {
  return text.split(',').map((part) => integerArgument(name, part, minimum));
}

/** Padding: absent, 'same', 'valid', one number for every dim, or one per dim. */
export function paddingArgument(text: string | undefined): 'same' | 'valid' | number | number[] | undefined {
  return text === 'same' || text === 'valid' ? text : windowArgument('padding', text, 0);
}

/** A window option: absent, one number for every dim, or one per dim. */
export function windowArgument(name: string, text: string | undefined, minimum: number): number | number[] | undefined {
  if (text === undefined) return undefined;
  const values = integerListArgument(name, text, minimum);
  return values.length === 1 ? values[0] : values;
}

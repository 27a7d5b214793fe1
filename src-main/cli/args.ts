import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** Parses --flags strictly so a typo is an error that names the flag, not a silent default. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\nUsage: ${usage}`);
  }
}

/** A --flag naming a TCP port (0 picks a free one); undefined when the flag was not given. */
export function portFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--${name} must be 0-65535, got ${value}`);
  return port;
}

/** Runs a command-line entry point and turns known errors into a message and exit code 1/2. */
export function runCli(main: () => Promise<void>): void {
  main().catch((e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  });
}

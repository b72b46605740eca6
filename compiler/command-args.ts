// The arguments of one `stackc <command>`: its options plus -h/--help, positionals allowed. Every command answers
// a wrong option and --help alike: the message and the usage on stderr with exit 2, the usage on stdout with 0.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: true }>>;

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const consoleIo: Io = { out: (t) => console.log(t), err: (t) => console.error(t) };

/** The parsed arguments, or the exit code when they were wrong (2) or asked for help (0); either was printed. */
export function commandArgs<O extends Options>(argv: readonly string[], options: O, usage: string, io: Io = consoleIo): Parsed<O> | number {
  let args: Parsed<O>;
  try {
    args = parseArgs({ args: [...argv], allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as Parsed<O>;
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  if ((args.values as { help?: boolean }).help) {
    io.out(usage);
    return 0;
  }
  return args;
}

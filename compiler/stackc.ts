// `stackc <command> [options]`: the one entry point of the tool (bin/stackc.js, and `npm run compile` and friends in
// this repository). Each command's module is imported only when it runs, so `stackc --help` or `stackc init` load
// nothing of the compiler.

interface Command {
  readonly summary: string;
  readonly run: (argv: readonly string[]) => Promise<number>;
}

const commands: Readonly<Record<string, Command>> = {
  compile: {
    summary: 'type-check and compile the stacks into out/<stack>/ (--check: compare with out/ instead of writing)',
    run: async (argv) => (await import('./compile-cli.ts')).main(argv),
  },
  check: {
    summary: 'the drift check: compile in memory, exit 1 with a diff when out/ is stale (same as compile --check)',
    run: async (argv) => (await import('./compile-cli.ts')).main(['--check', ...argv]),
  },
  watch: {
    summary: 'compile, then compile again on every save of a stack file or a file it imports',
    run: async (argv) => (await import('./watch/cli.ts')).main(argv),
  },
  verify: {
    summary: 'compile in memory and run the real judges (promtool, amtool, schemas, Grafana types; --live)',
    run: async (argv) => (await import('./verify/cli.ts')).main(argv),
  },
  conform: {
    summary: "scrape a running app's /metrics and report where it departs from the stack (exit 1 when it does)",
    run: async (argv) => (await import('./conform/cli.ts')).main(argv),
  },
  up: {
    summary: 'run a stack on this machine: simulated exporter, Prometheus and Alertmanager on loopback',
    run: async (argv) => (await import('../scripts/up.ts')).main(argv),
  },
  exporter: {
    summary: "serve a stack's metrics from its model (--simulate: with a synthetic workload)",
    run: async (argv) => (await import('../exporter/main.ts')).main(argv),
  },
  import: {
    summary: 'write a stack file from Prometheus rule files (series resolved against the catalogs)',
    run: async (argv) => (await import('./import/cli.ts')).main(argv),
  },
  init: {
    summary: 'scaffold a repository of stacks: package.json scripts, tsconfig.json, a first stack, a CI workflow',
    run: async (argv) => (await import('./init/cli.ts')).main(argv),
  },
};

const usage = `Usage: stackc <command> [options]

Commands:
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n')}

Run \`stackc <command> --help\` for a command's options. Stacks are the .ts files in stacks/ of the project
(the nearest folder upward holding a package.json); output goes to out/<stack>/.`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { version } = (await import('./version.ts'));
    console.log(version);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command '${name}'.\n\n${usage}`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(2);
  },
);

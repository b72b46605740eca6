// The package.json of a stack repository: written fresh, or merged into the one `npm init -y` left. Merging only
// adds; what the user wrote is kept (key order, indentation, an existing stackc spec) or, when it contradicts what
// stackc needs, refused.

/** The commands a stack repository runs; `npm run check` is the drift check CI runs. */
export const scripts = {
  compile: 'stackc compile',
  check: 'stackc check',
  verify: 'stackc verify',
} as const;

export interface Dependencies {
  /** How stackc is asked for: `^0.1.0`, `file:../stackc-0.1.0.tgz`, a git URL. */
  readonly stackc: string;
  readonly promClient: string;
}

type Json = Record<string, unknown>;

/** The package.json of a new repository. */
export function freshPackageJson(name: string, deps: Dependencies): string {
  return `${JSON.stringify({
    name,
    private: true,
    type: 'module',
    scripts,
    // the generated registry imports prom-client and stackc/exporter: an app that imports it needs both
    dependencies: { 'prom-client': deps.promClient },
    devDependencies: { stackc: deps.stackc },
  }, null, 2)}\n`;
}

export type Merge =
  | {
    readonly ok: true;
    readonly text: string;
    /** What was added, e.g. `scripts compile, check`; empty when the file already had everything. */
    readonly changes: readonly string[];
    /** The stackc spec the file ends up with: an existing one is kept. */
    readonly stackc: string;
  }
  | { readonly ok: false; readonly conflicts: readonly string[] };

/** The indentation of a JSON text's first indented line: npm keeps a file's own, so does init. */
function indentOf(text: string): string {
  return /^[{[][\r\n]+([ \t]+)/.exec(text)?.[1] ?? '  ';
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Adds what a stack repository needs to an existing package.json's text, or says what stands in the way. */
export function mergePackageJson(text: string, deps: Dependencies, options: { readonly hasCommonJsCode?: boolean } = {}): Merge {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch (e) {
    return { ok: false, conflicts: [`package.json is not valid JSON (${(e as Error).message})`] };
  }
  if (!isObject(pkg)) return { ok: false, conflicts: ['package.json does not hold a JSON object'] };

  const conflicts: string[] = [];
  const changes: string[] = [];
  // stack files and the generated registry are ES modules; a CommonJS package would load them as scripts
  if (pkg.type === undefined) {
    pkg.type = 'module';
    changes.push('"type": "module"');
  } else if (pkg.type === 'commonjs' && !options.hasCommonJsCode) {
    // npm 11's `npm init -y` writes "commonjs"; with no .js file yet, nothing depends on it
    pkg.type = 'module';
    changes.push('"type": "module" (was "commonjs", and no .js file depends on it)');
  } else if (pkg.type !== 'module') {
    conflicts.push(`package.json has "type": ${JSON.stringify(pkg.type)}; stack files are ES modules and need "type": "module" (npm 11's \`npm init\` writes "commonjs": \`npm pkg set type=module\` changes it)`);
  }

  if (pkg.scripts !== undefined && !isObject(pkg.scripts)) conflicts.push('"scripts" in package.json is not an object');
  const existing: Json = isObject(pkg.scripts) ? pkg.scripts : {};
  const added: string[] = [];
  for (const [name, command] of Object.entries(scripts)) {
    if (existing[name] === undefined) {
      existing[name] = command;
      added.push(name);
    } else if (existing[name] !== command) {
      conflicts.push(`script "${name}" in package.json is ${JSON.stringify(existing[name])}; stackc init would make it "${command}": rename yours, or set it to "${command}"`);
    }
  }
  if (added.length) {
    pkg.scripts = existing;
    changes.push(`scripts ${added.join(', ')}`);
  }

  for (const field of ['dependencies', 'devDependencies']) {
    if (pkg[field] !== undefined && !isObject(pkg[field])) conflicts.push(`"${field}" in package.json is not an object`);
  }
  if (conflicts.length) return { ok: false, conflicts };

  const specOf = (dep: string) => [pkg.dependencies, pkg.devDependencies].map((d) => (isObject(d) ? d[dep] : undefined)).find((s) => s !== undefined);
  const has = (dep: string) => specOf(dep) !== undefined;
  const stackc = specOf('stackc');
  if (stackc === undefined) {
    pkg.devDependencies = { ...(pkg.devDependencies as Json | undefined), stackc: deps.stackc };
    changes.push(`devDependency stackc ${deps.stackc}`);
  }
  if (!has('prom-client')) {
    pkg.dependencies = { ...(pkg.dependencies as Json | undefined), 'prom-client': deps.promClient };
    changes.push(`dependency prom-client ${deps.promClient}`);
  }
  const kept = stackc === undefined ? deps.stackc : String(stackc);
  if (changes.length === 0) return { ok: true, text, changes, stackc: kept };
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return { ok: true, text: `${JSON.stringify(pkg, null, indentOf(text)).replace(/\n/g, newline)}${newline}`, changes, stackc: kept };
}

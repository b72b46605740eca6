// Every file `stackc init` writes, by path relative to the repository: pure, so the same name and spec give the
// same bytes on every machine (no timestamps, no absolute paths).
import { freshPackageJson, type Dependencies } from './package-json.ts';
import { stackFile } from './stack-template.ts';

export const packageJsonPath = 'package.json';

/** The stack files are type-checked with this config by `stackc compile`, and by your editor. */
const tsconfig = `${JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    // stack files are loaded by stackc, never built: helpers may be imported as './lib/x.ts'
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
  },
  include: ['stacks'],
}, null, 2)}\n`;

/** CI: out/ must match the stacks (the drift check), and the real judges must accept it. */
const workflow = `# Written by stackc init. The drift check fails when someone edited a stack without compiling (or edited out/ by
# hand); verify runs promtool, amtool and the schemas on out/. Commit out/ and package-lock.json.
name: stackc
on:
  push:
    branches: [main]
  pull_request:
jobs:
  stackc:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - name: Install promtool and amtool (for stackc verify)
        run: sudo apt-get update && sudo apt-get install -y prometheus prometheus-alertmanager
      - name: out/ matches the stacks
        run: npx stackc check
      - name: The judges accept out/
        run: npx stackc verify
`;

/** The files of a new stack repository named `name`. */
export function scaffold(name: string, deps: Dependencies): Map<string, string> {
  return new Map([
    [packageJsonPath, freshPackageJson(name, deps)],
    ['tsconfig.json', tsconfig],
    [`stacks/${name}.ts`, stackFile(name)],
    ['.github/workflows/stackc.yml', workflow],
    ['.gitignore', 'node_modules/\n'],
  ]);
}

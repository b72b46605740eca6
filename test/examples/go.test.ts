// examples/platform-go, the seed's platform service on the generated Go package: its copy of metrics.gen.go is
// out/'s, its module pins client_golang as tools/registries/go does, it is gofmt-clean and passes go vet, and built
// and run as a real process it serves every started series at 0 from the first scrape, records the traffic it is
// given, and conforms (conform's function and CLI).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from '../helpers/stack.ts';
import { requireGo } from '../registries/go-module.ts';
import { assertCopyCurrent, assertFirstScrape, conformCli, driveAndCheck, platformModel, scrape, startApp } from './running.ts';

const dir = join(root, 'examples/platform-go');
const go = requireGo();
const model = await platformModel();
// the shared build and module caches; nothing downloaded but the pinned modules, go.mod never rewritten
const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' };
const runGo = (command: string, args: readonly string[]) => spawnSync(command, args, { cwd: dir, env, encoding: 'utf8' });

test('the example\'s platformmetrics package is the one stackc generated', () => {
  assertCopyCurrent('out/platform/exporter/go/metrics.gen.go', 'examples/platform-go/platformmetrics/metrics.gen.go');
});

test('the example\'s module pins client_golang as tools/registries/go does', () => {
  const pin = (file: string) => /github\.com\/prometheus\/client_golang (v\S+)/.exec(readFileSync(join(root, file), 'utf8'))?.[1];
  assert.ok(pin('tools/registries/go/go.mod'));
  assert.is(pin('examples/platform-go/go.mod'), pin('tools/registries/go/go.mod'));
});

test('the example is gofmt-clean and passes go vet', () => {
  // gofmt ships beside go in GOROOT/bin, which PATH may not hold
  const gofmt = join(execFileSync(go, ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'bin', 'gofmt');
  const fmt = runGo(gofmt, ['-l', '.']);
  assert.is(fmt.status, 0, fmt.stderr);
  assert.is(fmt.stdout.trim(), '', `not gofmt-formatted: ${fmt.stdout}`);
  const vet = runGo(go, ['vet', './...']);
  assert.is(vet.status, 0, `${vet.stdout}${vet.stderr}`);
});

test('run as a service: started series at 0 on the first scrape, traffic recorded, and it conforms', async () => {
  const bin = mkdtempSync(join(tmpdir(), 'stackc-example-go-'));
  try {
    const build = runGo(go, ['build', '-o', join(bin, 'platform'), '.']);
    assert.is(build.status, 0, `${build.stdout}${build.stderr}`);
    const app = await startApp(join(bin, 'platform'), [], dir);
    try {
      const first = await scrape(app);
      assertFirstScrape(model, first);
      await driveAndCheck(model, app, first);
      const cli = await conformCli(app.metricsUrl);
      assert.is(cli.status, 0, `${cli.stdout}${cli.stderr}`);
      assert.match(cli.stdout, /conforms to the stack/);
    } finally {
      await app.stop();
    }
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test.run();

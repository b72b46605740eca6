// examples/platform-python, the seed's platform service on the generated Python registry: its copy of
// registry_gen.py is out/'s, it passes mypy --strict, and run as a real process (uvicorn) it serves every started
// series at 0 from the first scrape, records the traffic it is given, and conforms (conform's function and CLI).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from '../helpers/stack.ts';
import { mypyStrict, requirePython } from '../registries/python.ts';
import { assertCopyCurrent, assertFirstScrape, conformCli, driveAndCheck, platformModel, scrape, startApp } from './running.ts';

const dir = join(root, 'examples/platform-python');

requirePython();
const model = await platformModel();

test('the example\'s registry_gen.py is the one stackc generated', () => {
  assertCopyCurrent('out/platform/exporter/python/registry_gen.py', 'examples/platform-python/registry_gen.py');
});

test('the example type-checks under mypy --strict', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();
  assert.ok(files.includes('app.py'));
  const run = mypyStrict(dir, files);
  assert.is(run.status, 0, `${run.stdout}${run.stderr}`);
});

test('run as a service: started series at 0 on the first scrape, traffic recorded, and it conforms', async () => {
  // no __pycache__ left in the example's folder
  const app = await startApp('python3', ['app.py'], dir, { PYTHONDONTWRITEBYTECODE: '1' });
  try {
    const first = await scrape(app);
    assertFirstScrape(model, first);
    const families = await driveAndCheck(model, app, first);
    assert.not.ok([...families.keys()].some((f) => f.endsWith('_created')), 'the app switched _created series off');
    const cli = await conformCli(app.metricsUrl);
    assert.is(cli.status, 0, `${cli.stdout}${cli.stderr}`);
    assert.match(cli.stdout, /conforms to the stack/);
  } finally {
    await app.stop();
  }
});

test.run();

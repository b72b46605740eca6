// Every mistake in a stack's exporters is an issue at the line that made the exporter, with a fix.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Issue } from '../../compiler/issues.ts';
import { gauge, secretKey, stack } from '../../dsl/index.ts';
import { nodeExporter, postgresExporter, redisExporter, type ExporterDefinition } from '../../dsl/exporters.ts';
import type { PostgresExporterOptions } from '../../dsl/exporters.ts';
import { issuesOf, lineOf, projectPath } from '../helpers/stack.ts';

const file = projectPath(import.meta.url);
const line = (mark: string) => lineOf(import.meta.url, `// MARK-${mark}`);
const depth = gauge({ name: 'jobs_waiting', help: 'Jobs waiting' });

const issuesWith = (exporters: readonly ExporterDefinition<unknown>[], port = 9464): Issue[] =>
  issuesOf(stack('batch', { namespace: 'batch', scrape: { port }, metrics: [depth], groups: [], exporters }));

function only(issues: readonly Issue[], code: string): Issue {
  const found = issues.filter((i) => i.code === code);
  assert.is(found.length, 1, `one ${code} issue in: ${issues.map((i) => `${i.code} ${i.message}`).join('; ')}`);
  return found[0]!;
}

test('a stack with exporters that fit has no issue', () => {
  assert.equal(issuesWith([nodeExporter(), redisExporter({ address: 'redis://cache:6379' })]), []);
});

test('an exporter listed twice is refused at the second listing, naming the first', () => {
  const node = nodeExporter(); // MARK-first
  const again = nodeExporter(); // MARK-again
  const i = only(issuesWith([node, again]), 'exporters/duplicate');
  assert.equal([i.where.file, i.where.line], [file, line('again')]);
  assert.match(i.message, `listed twice (first at ${file}:${line('first')})`);
  assert.equal(i.path, ['batch', 'exporters', 'node-exporter']);
  assert.match(i.hint, "name: 'node-exporter-2'");
});

test('two exporters on one local port, or on the app exporter\'s, clash on the loopback host', () => {
  const a = redisExporter({ address: 'redis://a:6379' });
  const b = redisExporter({ name: 'redis-b', address: 'redis://b:6379' }); // MARK-clash
  const clash = only(issuesWith([a, b]), 'exporters/port-clash');
  assert.equal([clash.where.line, clash.message], [line('clash'), 'local port 9121 of redis-b is also the exporter redis-exporter\'s, on the same loopback host']);
  const onApp = nodeExporter({ localPort: 9464 }); // MARK-on-app
  const i = only(issuesWith([onApp]), 'exporters/port-clash');
  assert.is(i.where.line, line('on-app'));
  assert.match(i.message, "the app's exporter (scrape.port 9464)");
  assert.match(i.hint, 'localPort: 9465');
});

test('two node-wide exporters on one port clash on every node\'s network', () => {
  const a = nodeExporter();
  const b = nodeExporter({ name: 'node-exporter-2', localPort: 9200 }); // MARK-host
  const i = only(issuesWith([a, b]), 'exporters/port-clash');
  assert.is(i.where.line, line('host'));
  assert.match(i.message, "both listen on every node's network");
});

test('a database exporter without its Secret key, or with a key Kubernetes refuses, is refused at its line', () => {
  const missing = postgresExporter({} as PostgresExporterOptions); // MARK-missing
  const i = only(issuesWith([missing]), 'exporters/missing-secret');
  assert.equal([i.where.file, i.where.line], [file, line('missing')]);
  assert.is(i.message, 'postgres-exporter has no dataSource: it reads DATA_SOURCE_NAME from a Secret key');
  assert.match(i.hint, "secretKey('<secret>', '<key>'), the Secret created in namespace batch");
  const badKey = postgresExporter({ dataSource: secretKey('db', 'url/primary') }); // MARK-bad-key
  const k = only(issuesWith([badKey]), 'deploy/secret-key');
  assert.is(k.where.line, line('bad-key'));
  const badName = postgresExporter({ dataSource: secretKey('DB_Monitor', 'url') }); // MARK-bad-name
  assert.is(only(issuesWith([badName]), 'deploy/secret-name').where.line, line('bad-name'));
});

test('a Redis address carrying a password is refused: it would be written to out/', () => {
  const leaky = redisExporter({ address: 'redis://:hunter2@cache:6379' }); // MARK-leaky
  const i = only(issuesWith([leaky]), 'exporters/credential-in-address');
  assert.is(i.where.line, line('leaky'));
  assert.not.match(i.message, 'hunter2');
});

test('an exporter named like the app, a job or a component, or not a Kubernetes name, is refused', () => {
  const likeApp = redisExporter({ name: 'batch', address: 'redis://cache:6379' }); // MARK-like-app
  const i = only(issuesWith([likeApp]), 'exporters/name-taken');
  assert.is(i.where.line, line('like-app'));
  assert.match(i.message, "the app's job (app: 'batch')");
  assert.match(only(issuesWith([nodeExporter({ name: 'kubernetes-pods' })]), 'exporters/name-taken').message, 'the scrape job kubernetes-pods');
  assert.match(only(issuesWith([nodeExporter({ name: 'grafana' })]), 'exporters/name-taken').message, "stackc's grafana");
  only(issuesWith([nodeExporter({ name: 'Node_Exporter' })]), 'exporters/name');
});

test('an exporter image without a version is refused', () => {
  const i = only(issuesWith([nodeExporter({ image: 'quay.io/prometheus/node-exporter:latest' })]), 'exporters/unpinned-image');
  assert.match(i.message, 'not pinned');
});

test.run();

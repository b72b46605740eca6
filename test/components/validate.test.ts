// Every check of compiler/validate/components.ts, with a bad input: the code, the message, and the line of the
// existing()/kubePrometheus() call or of deploy() it points at.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existing, kubePrometheus } from '../../dsl/index.ts';
import { componentsStack } from '../fixtures/components-stack.ts';
import { issuesOf, lineOf, projectPath } from '../helpers/stack.ts';

const here = projectPath(import.meta.url);
const line = (marker: string) => lineOf(import.meta.url, `// MARK-${marker}`);
const deployLine = lineOf(new URL('../fixtures/components-stack.ts', import.meta.url).href, '// MARK-deploy');

test('URLs that cannot address a component: not a URL, another scheme, a credential, a query', () => {
  const issues = issuesOf(componentsStack({
    components: {
      alertmanager: existing({ url: 'alertmanager:9093' }), // MARK-no-scheme
      blackboxExporter: existing({ url: 'tcp://probe.infra.svc:9115' }), // MARK-tcp
      prometheus: existing({ url: 'http://admin:hunter2@prom.infra.svc:9090' }), // MARK-credential
      kubeStateMetrics: existing({ url: 'http://ksm.infra.svc:8080/metrics?x=1' }), // MARK-query
    },
  }));
  const found = issues.map((i) => ({ code: i.code, file: i.where.file, line: i.where.line }));
  assert.equal(found, [
    { code: 'deploy/component-url', file: here, line: line('no-scheme') },
    { code: 'deploy/component-url', file: here, line: line('tcp') },
    { code: 'deploy/component-url', file: here, line: line('credential') },
    { code: 'deploy/component-url', file: here, line: line('query') },
  ]);
  assert.match(issues[1]!.message, /url "tcp:\/\/probe\.infra\.svc:9115" of the existing blackboxExporter has scheme tcp, not http or https/);
  assert.match(issues[2]!.message, /carries a user or password/);
});

test('an existing component that needs an address has none (plain JavaScript: the types ask for url)', () => {
  const issues = issuesOf(componentsStack({ components: { alertmanager: existing({}) as never } })); // MARK-no-url
  assert.equal(issues.map((i) => [i.code, i.where.line, i.message]), [['deploy/component-url', line('no-url'), 'existing alertmanager has no url']]);
});

test('settings of a component stackc does not deploy are refused, at deploy()', () => {
  const issues = issuesOf(componentsStack({
    images: { alertmanager: 'prom/alertmanager:v0.28.0' }, storage: { alertmanager: '5Gi' },
    components: { alertmanager: existing({ url: 'http://am.infra.svc:9093' }) },
  }));
  assert.equal(issues.map((i) => [i.code, i.where.line, i.message]), [
    ['deploy/unused-settings', deployLine, 'deploy() sets images, storage of alertmanager, which stackc does not deploy'],
  ]);
});

test('kube-state-metrics without a URL beside the Prometheus stackc deploys would never be scraped', () => {
  const issues = issuesOf(componentsStack({ components: { kubeStateMetrics: existing({}) } })); // MARK-unscraped
  assert.equal(issues.map((i) => [i.code, i.where.line]), [['deploy/kube-state-metrics-unscraped', line('unscraped')]]);
});

test('kube-prometheus runs its own Alertmanager: pointing it elsewhere is refused at kubePrometheus()', () => {
  const issues = issuesOf(componentsStack({
    components: {
      prometheus: kubePrometheus(), // MARK-kube-prometheus
      alertmanager: existing({ url: 'http://am.infra.svc:9093' }),
    },
  }));
  assert.equal(issues.map((i) => [i.code, i.where.line]), [['deploy/operator-components', line('kube-prometheus')]]);
  assert.match(issues[0]!.message, /alertmanager is kube-prometheus' own/);
});

test('a folder means something only for Grafana', () => {
  const issues = issuesOf(componentsStack({ components: { alertmanager: existing({ url: 'http://am.infra.svc:9093', folder: 'x' }) } }));
  assert.equal(issues.map((i) => i.code), ['deploy/component-folder']);
});

test('a shared namespace with a stack name so long that a prefixed Service name passes 63 characters', () => {
  const name = 'a'.repeat(50);
  const issues = issuesOf(componentsStack({ sharedNamespace: true }, { name, namespace: 'depot' })).filter((i) => i.code.startsWith('deploy/'));
  assert.equal(issues.map((i) => [i.code, i.where.line]), [['deploy/shared-name-length', deployLine]]);
  assert.match(issues[0]!.message, new RegExp(`"${name}-kube-state-metrics" is longer than the 63 characters`));
});

test.run();

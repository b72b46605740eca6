// The local profiles with test-time addresses, judged by the real tools, and the structure of the cluster
// prometheus.yml that Debian's promtool cannot judge (no kubernetes_sd_configs). The emitted files of every stack
// are judged by `npm run verify` (compiler/verify/); its judges are tested in test/verify/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { localAlertmanagerConfig } from '../../compiler/emit/alertmanager.ts';
import { serviceAddress } from '../../compiler/emit/kubernetes/names.ts';
import { localPrometheusConfig, prometheusFile, prometheusLocalFile } from '../../compiler/emit/prometheus-config.ts';
import { fixtureStack } from '../grafana/fixture.ts';
import { compileValid, requireTool } from '../helpers/stack.ts';

const { model, files } = compileValid(fixtureStack());
const dir = mkdtempSync(join(tmpdir(), 'stackc-deploy-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function accepts(tool: string, args: string[]): string {
  try {
    execFileSync(tool, args, { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}` || 'rejected';
  }
}

test('the local profiles take test-time addresses (the end-to-end test uses free ports)', () => {
  const promtool = requireTool('promtool', 'prometheus');
  const amtool = requireTool('amtool', 'prometheus-alertmanager');
  const p = localPrometheusConfig(model, { exporterTargets: ['127.0.0.1:40001', '127.0.0.1:40002'], alertmanagerTargets: ['127.0.0.1:40003'] });
  // rule files are checked by verify; here only the configuration itself
  writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify({ ...parse(p), rule_files: [] }));
  assert.is(accepts(promtool, ['check', 'config', join(dir, 'prometheus.yml')]), '');
  const job = parse(p).scrape_configs[0];
  assert.equal(job.static_configs[1], { targets: ['127.0.0.1:40002'], labels: { namespace: model.namespace, pod: `${model.app}-1` } });
  assert.equal(parse(p).alerting.alertmanagers[0].static_configs[0].targets, ['127.0.0.1:40003']);
  const a = localAlertmanagerConfig(model, { webhookUrl: 'http://127.0.0.1:40004/hook' });
  writeFileSync(join(dir, 'alertmanager.yml'), a);
  assert.is(accepts(amtool, ['check-config', join(dir, 'alertmanager.yml')]), '');
  const receivers = parse(a).receivers as { name: string; webhook_configs: { url: string }[] }[];
  assert.equal(receivers.map((r) => r.name), model.alerting.receivers.map((r) => r.name));
  assert.ok(receivers.every((r) => r.webhook_configs.length === 1 && r.webhook_configs[0]!.url === 'http://127.0.0.1:40004/hook'));
});

test('cluster prometheus.yml: the same rules and globals as the local profile, in-cluster addresses, Kubernetes discovery', () => {
  const cluster = parse(files.get(prometheusFile)!);
  const local = parse(files.get(prometheusLocalFile)!);
  assert.equal(cluster.rule_files, local.rule_files);
  assert.equal(cluster.global, local.global);
  assert.equal(cluster.alerting.alertmanagers[0].static_configs[0].targets, [serviceAddress(model, 'alertmanager')]);
  const jobs = cluster.scrape_configs as { job_name: string; metrics_path?: string; honor_labels?: boolean; relabel_configs?: { replacement?: string; target_label?: string }[] }[];
  const stackJob = jobs[0]!;
  assert.is(stackJob.job_name, model.app);
  assert.is(stackJob.metrics_path, model.scrape.metricsPath);
  assert.ok(stackJob.relabel_configs!.some((c) => c.replacement === `$1:${model.scrape.port}`));
  assert.equal(stackJob.relabel_configs!.map((c) => c.target_label).filter(Boolean).sort(), ['__address__', 'namespace', 'pod']);
  assert.ok(jobs.find((j) => j.job_name === 'kubernetes-services')!.relabel_configs!.some((c) => c.replacement === serviceAddress(model, 'blackboxExporter')));
  // the fixture queries kube-state-metrics, so Prometheus scrapes it, keeping its labels
  assert.ok(model.externalMetrics.some((m) => m.catalog === 'kube-state-metrics'));
  assert.is(jobs.find((j) => j.job_name === 'kube-state-metrics')?.honor_labels, true);
});

test.run();

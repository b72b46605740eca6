import { test } from 'uvu';
import { counter, stack } from '../../dsl/index.ts';
import { runCases } from './cases.ts';

const ok = counter({ name: 'orders_total', help: 'Requests' });

runCases(import.meta.url, [
  { name: 'namespace that Kubernetes rejects', code: 'settings/name', message: /namespace "Shop_NS" is not a valid Kubernetes name/,
    marker: 'at:ns', stack: () => stack('bad', { namespace: 'Shop_NS', app: 'storefront', metrics: [ok], groups: [] }) }, // at:ns
  { name: 'invalid scrape interval', code: 'settings/invalid-duration', message: /scrape.interval "fast" is not a valid duration/,
    // @ts-expect-error typed as Duration; checked again by the compiler
    marker: 'at:interval', stack: () => stack('bad', { namespace: 'bad', scrape: { interval: 'fast' }, metrics: [ok], groups: [] }) }, // at:interval
  { name: 'port out of range', code: 'settings/port', message: /scrape.port 70000 is not a TCP port/,
    marker: 'at:port', stack: () => stack('bad', { namespace: 'bad', scrape: { port: 70000 }, metrics: [ok], groups: [] }) }, // at:port
  { name: 'metrics path without a slash', code: 'settings/path', message: /does not start with \//,
    marker: 'at:path', stack: () => stack('bad', { namespace: 'bad', scrape: { metricsPath: 'metrics' }, metrics: [ok], groups: [] }) }, // at:path
  { name: 'invalid external label', code: 'settings/label-name', message: /external label "the-cluster"/,
    marker: 'at:ext', stack: () => stack('bad', { namespace: 'bad', scrape: { externalLabels: { 'the-cluster': 'x' } }, metrics: [ok], groups: [] }) }, // at:ext
]);

test.run();

// Synthetic stacks for the benchmark, as stack files a user could have written, importing 'stackc' (which resolves
// inside this repository through the package's own name).

/** N gauges, each with warning/critical thresholds (two derived alerts) and one recording rule, in groups of 100. */
export function syntheticStack(metrics: number): string {
  const lines = [
    `import { alertsFrom, avgOverTime, gauge, record, ruleGroup, stack } from 'stackc';`,
    '',
    'const m = [',
  ];
  for (let i = 0; i < metrics; i++) {
    lines.push(`  gauge({ name: 'synthetic_${i}_percent', help: 'Synthetic gauge ${i}', unit: 'percent', labels: ['shard'], thresholds: { warning: { above: 80, for: '2m' }, critical: { above: 90, for: '1m' } } }),`);
  }
  lines.push('];', '', 'const rules = m.flatMap((g, i) => [', `  ...alertsFrom(g, { description: 'shard {{ $labels.shard }} on {{ $labels.pod }} is {{ $value }}%' }),`,
    `  record(\`shard:synthetic_\${i}_percent:avg5m\`, avgOverTime(g, '5m'), { unit: 'percent' }),`, ']);', '',
    'const groups = [];', 'for (let i = 0; i < rules.length; i += 100) groups.push(ruleGroup(`group_${i / 100}`, { rules: rules.slice(i, i + 100) }));', '',
    `export default stack('synthetic-${metrics}', { namespace: 'synthetic', metrics: m, groups });`, '');
  return lines.join('\n');
}

/** The size of a large community mixin: 65 alerts, 71 recording rules, 23 dashboards with 254 panels in all.
 *  33 gauges carry thresholds (32 warning + critical, one warning only: 65 derived alerts, each with its tests);
 *  the recording rules average and max the gauges and sum the rates of 20 labelled counters. */
export function mixinSizedStack(): string {
  return `import { alertsFrom, avgOverTime, counter, dashboard, gauge, maxOverTime, panel, rate, record, ruleGroup, stack, sum } from 'stackc';

const gauges = Array.from({ length: 33 }, (_, i) => gauge({
  name: \`mixin_gauge_\${i}_percent\`, help: \`Mixin gauge \${i}\`, unit: 'percent', labels: ['device'],
  thresholds: i === 32 ? { warning: { above: 85, for: '5m' } } : { warning: { above: 80, for: '5m' }, critical: { above: 95, for: '2m' } },
}));
const counters = Array.from({ length: 20 }, (_, i) => counter({
  name: \`mixin_requests_\${i}_total\`, help: \`Mixin requests \${i}\`, labels: ['code', 'handler'],
}));

const alerts = gauges.flatMap((g) => alertsFrom(g, { description: '{{ $labels.device }} on {{ $labels.instance }} is at {{ $value }}%' }));
const recordings = [
  ...gauges.map((g, i) => record(\`device:mixin_gauge_\${i}_percent:avg5m\`, avgOverTime(g, '5m'), { unit: 'percent' })),
  ...gauges.slice(0, 18).map((g, i) => record(\`device:mixin_gauge_\${i}_percent:max5m\`, maxOverTime(g, '5m'), { unit: 'percent' })),
  ...counters.map((c, i) => record(\`code:mixin_requests_\${i}:rate5m\`, sum(rate(c, '5m'), { by: ['code'] }))),
];

const dashboards = Array.from({ length: 23 }, (_, d) => dashboard({
  uid: \`mixin-\${d}\`, title: \`Mixin dashboard \${d}\`,
  panels: Array.from({ length: d === 0 ? 12 : 11 }, (_, p) => {
    const g = gauges[(d * 11 + p) % gauges.length]!;
    return p % 3 === 2 ? panel.stat(g, { title: \`Panel \${d}.\${p}\` }) : panel.timeseries(g, { title: \`Panel \${d}.\${p}\` });
  }),
}));

export default stack('mixin-sized', {
  namespace: 'mixin',
  metrics: [...gauges, ...counters],
  groups: [ruleGroup('mixin_alerts', { rules: alerts }), ruleGroup('mixin_recordings', { rules: recordings })],
  dashboards,
});
`;
}

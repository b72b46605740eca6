// Synthetic stacks for the benchmark: N gauges, each with warning/critical thresholds (two derived alerts)
// and one recording rule, in groups of 100 rules, as a stack file a user could have written.
export function syntheticStack(metrics: number): string {
  const lines = [
    `import { alertsFrom, avgOverTime, gauge, record, ruleGroup, stack } from '../../../dsl/index.ts';`,
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

// Type tests of the generated exporter catalogs: their series keep literal label types, summaries are queried
// through their parts, and the hand-added part merges into the same catalog. Never executed.
import { rate, sum } from '../../dsl/index.ts';
import { blackboxExporter } from '../../dsl/catalogs/blackbox-exporter.ts';
import { nodeExporter as node } from '../../dsl/catalogs/node-exporter.ts';
import { redisExporter } from '../../dsl/catalogs/redis-exporter.ts';

sum(rate(node.node_cpu_seconds_total.where({ mode: 'idle' }), '5m'), { by: ['instance'] });
// @ts-expect-error node_cpu_seconds_total has no label 'core'
node.node_cpu_seconds_total.where({ core: '0' });
// @ts-expect-error a gauge cannot be rated
rate(node.node_memory_MemAvailable_bytes, '5m');
// hand-added (not served where the catalog was generated), typed the same way
node.node_hwmon_temp_celsius.where({ chip: 'coretemp', sensor: 'temp1' });
blackboxExporter.probe_ssl_earliest_cert_expiry;
// a summary and a histogram, through their parts
rate(redisExporter.redis_latency_percentiles_usec.count, '5m');
redisExporter.redis_latency_percentiles_usec.quantiles.where({ quantile: '0.99', cmd: 'get' });
// @ts-expect-error a summary has no bare series to rate
rate(node.go_gc_duration_seconds, '5m');

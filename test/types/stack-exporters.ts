// Type tests of the exporters a stack lists: their series carry the target labels, so scope() and matchers on
// namespace and pod compile; the bare shipped catalog's do not. Each `@ts-expect-error` line must fail. Never executed.
import { rate, scope, secretKey, sum } from '../../dsl/index.ts';
import { nodeExporter, postgresExporter, redisExporter } from '../../dsl/exporters.ts';
import { nodeExporter as nodeCatalog } from '../../dsl/catalogs/node-exporter.ts';

const node = nodeExporter();
scope(node.series.node_load1);
sum(rate(node.series.node_cpu_seconds_total.where({ mode: 'idle' }), '5m'), { by: ['namespace', 'pod', 'instance', 'job'] });
// @ts-expect-error the bare catalog's series have no pod label: only the stack's scrape job attaches it
scope(nodeCatalog.node_load1);
// @ts-expect-error 'nodee' is not a label of node_load1
node.series.node_load1.where({ nodee: 'a' });

postgresExporter({ dataSource: secretKey('db', 'url') });
// @ts-expect-error the connection URL is a credential: only a Secret key
postgresExporter({ dataSource: 'postgresql://monitor:hunter2@db/postgres' });
// @ts-expect-error postgres_exporter needs its data source
postgresExporter({});
redisExporter({ address: 'redis://cache:6379' });
// @ts-expect-error the password is a Secret key, never a string
redisExporter({ address: 'redis://cache:6379', password: 'hunter2' });

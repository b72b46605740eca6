// The real exporters whose catalogs are generated, in the order the generator runs them.
import type { RealExporter } from '../exporter.ts';
import { blackboxExporter } from './blackbox.ts';
import { mysqldExporter } from './mysqld.ts';
import { nodeExporter } from './node.ts';
import { postgresExporter } from './postgres.ts';
import { redisExporter } from './redis.ts';

export const realExporters: readonly RealExporter[] = [nodeExporter, postgresExporter, redisExporter, mysqldExporter, blackboxExporter];

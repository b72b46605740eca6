// The baseline for bench/exporter.bench.ts: the shop fixture's metrics (test/fixtures/shop.ts) written by hand with
// plain prom-client, the way an application without stackc would. Kept in step with the fixture by the bench
// itself, which fails unless both registries render the very same exposition.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export function handwrittenRegistry() {
  const registry = new Registry();
  const registers = [registry];
  // the generated registry also exposes the exporter's two self-metrics, registered first: the same families in the
  // same order here keep the comparison about the code path, not about two extra HELP/TYPE blocks
  new Counter({ name: 'stackc_exporter_cardinality_dropped_total', help: 'Updates dropped because the metric already holds its cardinality limit of label sets', labelNames: ['metric'], registers });
  new Counter({ name: 'stackc_exporter_collector_errors_total', help: 'Errors thrown by a collector run before a scrape; the scrape still answers', labelNames: ['collector'], registers });
  const httpRequestsTotal = new Counter({ name: 'http_requests_total', help: 'Storefront HTTP requests', labelNames: ['method', 'route', 'status'], registers });
  new Histogram({ name: 'http_request_duration_seconds', help: 'Storefront HTTP request duration, by route template', labelNames: ['route'], buckets: [0.05, 0.2, 1], registers });
  new Counter({ name: 'orders_total', help: 'Orders placed, by payment method and outcome', labelNames: ['payment_method', 'outcome'], registers });
  new Counter({ name: 'payment_errors_total', help: 'Payment provider errors', labelNames: ['provider'], registers });
  new Histogram({ name: 'checkout_duration_seconds', help: 'Time from basket to confirmation, by checkout step', labelNames: ['step'], buckets: [0.25, 0.5, 1, 2.5, 5], registers });
  new Gauge({ name: 'disk_usage_percent', help: 'Disk used by the order database', registers });
  new Gauge({ name: 'cache_hit_ratio', help: 'Share of catalogue reads served from the cache', registers });
  new Gauge({ name: 'fulfilment_queue_depth', help: 'Orders waiting to be picked, by warehouse', labelNames: ['warehouse'], registers });
  new Gauge({ name: 'stock_items', help: 'Items in stock, by warehouse', labelNames: ['warehouse'], registers });
  return { registry, httpRequestsTotal };
}

// Two names of a stack that become one Go identifier in the generated Go registry are refused at compile, at the
// later definition, naming both.
import { test } from 'uvu';
import { counter, gauge, stack } from '../../dsl/index.ts';
import { runCases } from './cases.ts';

const bad = (metrics: Parameters<typeof stack>[1]['metrics']) => stack('bad', { registries: ['go'], namespace: 'bad', metrics, groups: [] });
const shelf = gauge({ name: 'shelf_items', help: 'Items on the shelf', labels: ['aisle'] });

runCases(import.meta.url, [
  { name: 'two metric names, one field', code: 'naming/go-identifier', message: /the field of counter moves__total and the field of counter moves_total are both MovesTotal in Metrics/,
    marker: 'at:field', stack: () => bad([counter({ name: 'moves_total', help: 'h' }), counter({ name: 'moves__total', help: 'h' })]) }, // at:field
  { name: 'a label that ends like a kind', code: 'naming/go-identifier', message: /the value type of label items_gauge of shelf and the handle of gauge shelf_items are both ShelfItemsGauge/,
    marker: 'at:kind', stack: () => bad([shelf, gauge({ name: 'shelf', help: 'h', labels: { items_gauge: ['x'] } })]) }, // at:kind
  { name: 'a name the package declares itself', code: 'naming/go-identifier', message: /the value type of label port of scrape and a name the generated package declares itself are both ScrapePort in the generated Go registry$/,
    marker: 'at:own', stack: () => bad([gauge({ name: 'scrape', help: 'h', labels: { port: ['x'] } })]) }, // at:own
  { name: 'a metric named like a method of Metrics', code: 'naming/go-identifier', message: /the field of gauge middleware and a name the generated package declares itself are both Middleware in Metrics/,
    marker: 'at:method', stack: () => bad([gauge({ name: 'middleware', help: 'h' })]) }, // at:method
]);

test.run();

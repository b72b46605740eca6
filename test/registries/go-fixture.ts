// A lending-library stack for the generated registries' tests: every kind of metric, with and without labels,
// declared and open labels, values that are not identifiers (digits first, dashes, quotes, a backslash), a label
// named like a Go keyword, and the request counter and histogram the middleware records.
import { counter, gauge, histogram, open, stack, summary } from '../../dsl/index.ts';

export const httpRequests = counter({ name: 'http_requests_total', help: 'Catalogue HTTP requests', labels: ['method', 'route', 'status'] });
export const httpDuration = histogram({
  name: 'http_request_duration_seconds', help: 'Catalogue HTTP request duration, by route template', labels: ['route'],
  unit: 'seconds', buckets: [0.01, 0.1, 1],
});
/** Every label declares its values: the registries start each of the 3 × 3 combinations at 0. */
export const loans = counter({
  name: 'loans_total', help: 'Loans, by branch and outcome',
  labels: { branch: ['north', 'south-east', '2nd floor'], outcome: ['returned', 'overdue', 'lost'] },
});
/** A declared label beside an open one, and a small limit the tests overflow from several goroutines. */
export const holds = counter({
  name: 'holds_placed_total', help: 'Holds placed, by channel and title', cardinalityLimit: 20,
  labels: { channel: ['web', 'desk', 'say "hi"\\'], title: open },
});
export const shelfFill = gauge({ name: 'shelf_fill_ratio', help: 'Share of shelf space in use', unit: 'ratio', labels: { type: ['book', 'dvd'], shelf: open } });
export const visitors = gauge({ name: 'visitors_inside', help: 'Visitors in the building' });
export const checkout = histogram({
  name: 'checkout_duration_seconds', help: 'Time at the self-service desk', unit: 'seconds', buckets: [1, 5, 30],
  labels: { desk: ['a', 'b'] },
});
export const scans = histogram({ name: 'barcode_scan_duration_seconds', help: 'Barcode scan time', unit: 'seconds', buckets: [0.05, 0.5] });
export const search = summary({ name: 'search_duration_seconds', help: 'Catalogue search time', unit: 'seconds', labels: ['index'], percentiles: [0.5, 0.9, 0.99] });
export const sync = summary({ name: 'sync_duration_seconds', help: 'Nightly sync time', unit: 'seconds', maxAgeSeconds: 90 });
export const returned = counter({ name: 'books_returned_total', help: 'Books returned' });

export default stack('book-lending', {
  registries: ['typescript', 'python', 'go'],
  namespace: 'library',
  scrape: { port: 9123, metricsPath: '/metrics' },
  metrics: [httpRequests, httpDuration, loans, holds, shelfFill, visitors, checkout, scans, search, sync, returned],
  groups: [],
});

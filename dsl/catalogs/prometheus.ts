// Series Prometheus itself writes for every scrape target. Always available to a stack.
import { catalog, gaugeSeries } from '../catalog.ts';

export const prometheusSeries = catalog('prometheus', {
  up: gaugeSeries('1 when the last scrape of the target succeeded, 0 otherwise', []),
  scrape_duration_seconds: gaugeSeries('Duration of the last scrape, in seconds', []),
  scrape_samples_scraped: gaugeSeries('Number of samples the target exposed in the last scrape', []),
  scrape_series_added: gaugeSeries('Approximate number of new series in the last scrape', []),
});

// Where Prometheus's web pages are on the engine that runs: upstream serves /targets, /alerts, /rules and /graph;
// Debian's build (without the React UI) serves them under /classic/ and answers 404 at the upstream paths.
// Found by asking the running server, so the URLs `up` prints are the ones that answer.

export const prometheusPageNames = ['targets', 'alerts', 'rules', 'graph'] as const;
export type PrometheusPage = (typeof prometheusPageNames)[number];

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** The URL of each page that answers 200, trying the upstream path and then /classic/; throws when neither does. */
export async function prometheusPages(base: string): Promise<Record<PrometheusPage, string>> {
  const pages = {} as Record<PrometheusPage, string>;
  for (const page of prometheusPageNames) {
    const candidates = [`${base}/${page}`, `${base}/classic/${page}`];
    let found: string | undefined;
    for (const url of candidates) if (!found && (await answers(url))) found = url;
    if (!found) throw new Error(`Prometheus at ${base} serves its ${page} page at none of ${candidates.join(', ')}`);
    pages[page] = found;
  }
  return pages;
}

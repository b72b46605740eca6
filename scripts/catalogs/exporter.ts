// One real exporter the catalogs are read from: the Debian package that ships it, the catalog it fills, and how to
// start it on loopback (with the service it watches) so that what it serves can be scraped.
import type { ProcessGroup } from '../local/processes.ts';

/** What a started exporter offers to scrape: its own /metrics and, for a prober, the probes' pages too. */
export interface Started {
  /** Scraped in this order. */
  readonly scrapeUrls: readonly string[];
  /** The watched service's package and version, for the catalog's header (e.g. `postgresql-15 15.14-0+deb12u1`). */
  readonly watching?: string;
}

/** The run an exporter starts in: its processes (all stopped together) and a private temporary folder. */
export interface Run {
  readonly processes: ProcessGroup;
  readonly dir: string;
}

export interface RealExporter {
  /** The catalog's name, as `catalog(name, …)` gets it. */
  readonly catalogName: string;
  /** The file under dsl/catalogs/, without `.ts`; also its `stackc/catalogs/<file>` specifier. */
  readonly file: string;
  /** The exported catalog; its served part is `<exportName>Served`, its hand-added part `<exportName>HandAdded`. */
  readonly exportName: string;
  readonly debianPackage: string;
  readonly binary: string;
  /** Debian packages of the service it watches, installed with it. */
  readonly servicePackages: readonly string[];
  /** Series whose presence depends on the host (its hardware, kernel modules, filesystems), not on the exporter:
   *  served here but not elsewhere, or the other way round. Their type and labels are still compared. */
  readonly hostDependent?: (series: string) => boolean;
  readonly start: (run: Run) => Promise<Started>;
}

package dev.foyer.metrics.control;

/**
 * A feature's metrics, as a plug-in: every CDI bean implementing this is asked to write its
 * families at each scrape of {@code /api/admin/metrics}. Gauges that read the database read it
 * here, on the scrape's thread; keep those reads to a count over an indexed column.
 */
public interface MetricSource {
  void writeTo(Exposition exposition);
}

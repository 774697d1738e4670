/**
 * Metrics for operators at {@code GET /api/admin/metrics}, written by the WAR itself in Prometheus'
 * text exposition format (version 0.0.4): Payara Micro offers MicroProfile Metrics, WildFly 37
 * offers Micrometer instead, and one format served by Foyer reads the same on both with no library
 * added. A feature shows its figures by a bean implementing {@link
 * dev.foyer.metrics.control.MetricSource}; this package knows none of them, so the features that
 * count (sign-in, sessions) depend on it and never the other way round. Counters and histograms
 * live in the node's memory and count what that node did since it started (Prometheus adds the
 * nodes up); gauges are read from the database at each scrape and are the cluster's. No label takes
 * a value a caller chooses (a member, an account as typed): each label's values are a set fixed by
 * the code or by configuration, so the number of series stays bounded.
 */
package dev.foyer.metrics;

package dev.foyer.metrics.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Histograms of one name, one per combination of label values: how many observations fell at or
 * below each bound ({@code _bucket{le="..."}}, cumulative, ending with {@code +Inf}), their sum and
 * their count. Safe for concurrent use. Each observation is counted in one bucket only and the
 * cumulative counts are summed when written, so a scrape always shows buckets that never decrease
 * and a {@code +Inf} bucket equal to {@code _count}.
 */
public final class HistogramFamily {
  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final List<String> bucketLabelNames;
  private final double[] bounds;
  private final ConcurrentMap<List<String>, Histogram> histograms = new ConcurrentHashMap<>();

  /**
   * @param bounds the buckets' upper bounds, increasing and finite; {@code +Inf} is added
   */
  public HistogramFamily(String name, String help, double[] bounds, String... labelNames) {
    this.name = Exposition.metricName(name);
    this.help = help;
    this.labelNames = List.of(labelNames);
    this.labelNames.forEach(Exposition::labelName);
    if (this.labelNames.contains("le")) {
      throw new IllegalArgumentException("le is the histogram's own label");
    }
    var withLe = new ArrayList<>(this.labelNames);
    withLe.add("le");
    this.bucketLabelNames = List.copyOf(withLe);
    for (int i = 0; i < bounds.length; i++) {
      if (!Double.isFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
        throw new IllegalArgumentException("Bounds must increase and be finite: " + bounds[i]);
      }
    }
    this.bounds = bounds.clone();
  }

  public void observe(double value, String... labelValues) {
    histogram(labelValues).observe(value);
  }

  /** Shows the combination with empty buckets before anything is observed. */
  public void touch(String... labelValues) {
    histogram(labelValues);
  }

  /** How many observations the combination has; zero when none. */
  public long count(String... labelValues) {
    var histogram = histograms.get(List.of(labelValues));
    return histogram == null ? 0 : histogram.cumulative()[bounds.length];
  }

  private Histogram histogram(String... labelValues) {
    return histograms.computeIfAbsent(
        Labels.values(labelNames, labelValues), key -> new Histogram(bounds.length + 1));
  }

  /** The family, its series sorted by label values so that scrapes read alike. */
  public void writeTo(Exposition exposition) {
    exposition.family(name, Exposition.Type.HISTOGRAM, help);
    Map<List<String>, Histogram> sorted = new TreeMap<>(Labels.ORDER);
    sorted.putAll(histograms);
    sorted.forEach(
        (values, histogram) -> {
          var cumulative = histogram.cumulative();
          var withLe = new ArrayList<>(values);
          withLe.add("");
          for (int i = 0; i <= bounds.length; i++) {
            withLe.set(
                values.size(),
                Exposition.number(i < bounds.length ? bounds[i] : Double.POSITIVE_INFINITY));
            exposition.sample(name + "_bucket", bucketLabelNames, withLe, cumulative[i]);
          }
          exposition.sample(name + "_sum", labelNames, values, histogram.sum.sum());
          exposition.sample(name + "_count", labelNames, values, cumulative[bounds.length]);
        });
  }

  private final class Histogram {
    /** Observations per bucket, not cumulative; the last one is above every bound. */
    final LongAdder[] counts;

    final DoubleAdder sum = new DoubleAdder();

    Histogram(int buckets) {
      counts = new LongAdder[buckets];
      Arrays.setAll(counts, i -> new LongAdder());
    }

    void observe(double value) {
      int bucket = Arrays.binarySearch(bounds, value);
      // Found: the bucket whose bound it equals (le is "less or equal"); else the insertion point,
      // the first bound above it (bounds.length when above every bound).
      counts[bucket >= 0 ? bucket : -bucket - 1].increment();
      sum.add(value);
    }

    long[] cumulative() {
      var cumulative = new long[counts.length];
      long running = 0;
      for (int i = 0; i < counts.length; i++) {
        running += counts[i].sum();
        cumulative[i] = running;
      }
      return cumulative;
    }
  }
}

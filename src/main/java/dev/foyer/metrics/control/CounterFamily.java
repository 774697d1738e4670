package dev.foyer.metrics.control;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one name, one per combination of label values, counting from zero since the node
 * started. Safe for concurrent use; an increment never waits for a scrape.
 */
public final class CounterFamily {
  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final ConcurrentMap<List<String>, LongAdder> counters = new ConcurrentHashMap<>();

  public CounterFamily(String name, String help, String... labelNames) {
    this.name = Exposition.metricName(name);
    this.help = help;
    this.labelNames = List.of(labelNames);
    this.labelNames.forEach(Exposition::labelName);
  }

  public void increment(String... labelValues) {
    counter(labelValues).increment();
  }

  /**
   * Shows the combination at zero before anything is counted: a series that first appears at 1
   * loses that first increment to Prometheus' {@code rate} and {@code increase}.
   */
  public void touch(String... labelValues) {
    counter(labelValues);
  }

  /** The count of one combination; zero when nothing was counted. */
  public long value(String... labelValues) {
    var counter = counters.get(List.of(labelValues));
    return counter == null ? 0 : counter.sum();
  }

  private LongAdder counter(String... labelValues) {
    return counters.computeIfAbsent(Labels.values(labelNames, labelValues), key -> new LongAdder());
  }

  /** The family, its series sorted by label values so that scrapes read alike. */
  public void writeTo(Exposition exposition) {
    exposition.family(name, Exposition.Type.COUNTER, help);
    Map<List<String>, LongAdder> sorted = new TreeMap<>(Labels.ORDER);
    sorted.putAll(counters);
    sorted.forEach((values, counter) -> exposition.sample(name, labelNames, values, counter.sum()));
  }
}

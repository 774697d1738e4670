package dev.foyer.metrics.control;

import java.util.Comparator;
import java.util.List;

/** Label values as a family keys its series by. */
final class Labels {
  private Labels() {}

  /** Series sorted by their label values, first label first. */
  static final Comparator<List<String>> ORDER =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int order = a.get(i).compareTo(b.get(i));
          if (order != 0) {
            return order;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  /** The values, checked against the family's label names; none may be null. */
  static List<String> values(List<String> labelNames, String... values) {
    if (values.length != labelNames.size()) {
      throw new IllegalArgumentException(
          "Labels " + labelNames + " take " + labelNames.size() + " values, not " + values.length);
    }
    return List.of(values);
  }
}

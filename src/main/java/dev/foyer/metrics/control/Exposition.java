package dev.foyer.metrics.control;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prometheus' text exposition format, version 0.0.4: per family a {@code # HELP} and a {@code #
 * TYPE} line, then one line per sample, {@code name{label="value",...} number}. Label values escape
 * backslash, double quote and line feed; help text escapes backslash and line feed (the format's
 * only escapes).
 */
public final class Exposition {
  /** The content type Prometheus expects for this format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final StringBuilder text = new StringBuilder();

  /** The kinds of family this writer knows. */
  public enum Type {
    COUNTER,
    GAUGE,
    HISTOGRAM;

    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Starts a family: its help and type lines. Its samples follow. */
  public Exposition family(String name, Type type, String help) {
    text.append("# HELP ").append(metricName(name)).append(' ').append(escapeHelp(help));
    text.append('\n');
    text.append("# TYPE ").append(name).append(' ').append(type.word()).append('\n');
    return this;
  }

  /** One sample line; {@code labelValues} in the order of {@code labelNames}. */
  public Exposition sample(
      String name, List<String> labelNames, List<String> labelValues, double value) {
    if (labelNames.size() != labelValues.size()) {
      throw new IllegalArgumentException(
          name + ": " + labelNames.size() + " label names, " + labelValues.size() + " values");
    }
    text.append(metricName(name));
    if (!labelNames.isEmpty()) {
      text.append('{');
      for (int i = 0; i < labelNames.size(); i++) {
        if (i > 0) {
          text.append(',');
        }
        text.append(labelName(labelNames.get(i)))
            .append("=\"")
            .append(escapeLabelValue(labelValues.get(i)))
            .append('"');
      }
      text.append('}');
    }
    text.append(' ').append(number(value)).append('\n');
    return this;
  }

  /** A family of one unlabelled gauge. */
  public Exposition gauge(String name, String help, double value) {
    return family(name, Type.GAUGE, help).sample(name, List.of(), List.of(), value);
  }

  public String text() {
    return text.toString();
  }

  static String metricName(String name) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a metric name: " + name);
    }
    return name;
  }

  static String labelName(String name) {
    if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
      throw new IllegalArgumentException("Not a label name: " + name);
    }
    return name;
  }

  static String escapeLabelValue(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /**
   * A number as Prometheus reads it: {@code +Inf}, {@code -Inf}, {@code NaN}, else the shortest
   * plain decimal ({@code 1}, {@code 0.005}, {@code 2.5}), never an exponent. Bucket bounds are
   * written so too, and a bound is a label value: the same bound must always read the same.
   */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return "0";
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

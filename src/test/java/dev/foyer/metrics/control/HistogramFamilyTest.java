package dev.foyer.metrics.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistogramFamilyTest {
  private static final double[] BOUNDS = {0.1, 1, 2.5};

  @Test
  void writesCumulativeBucketsThenInfSumAndCount() {
    var histograms =
        new HistogramFamily("foyer_signin_duration_seconds", "Durations.", BOUNDS, "door");
    histograms.observe(0.05, "uri-auth");
    // On a bound: "le" is less or equal, so it is in that bound's bucket.
    histograms.observe(1, "uri-auth");
    histograms.observe(2, "uri-auth");
    // Above every bound: only in +Inf.
    histograms.observe(7, "uri-auth");
    var exposition = new Exposition();

    histograms.writeTo(exposition);

    assertThat(exposition.text())
        .isEqualTo(
            """
            # HELP foyer_signin_duration_seconds Durations.
            # TYPE foyer_signin_duration_seconds histogram
            foyer_signin_duration_seconds_bucket{door="uri-auth",le="0.1"} 1
            foyer_signin_duration_seconds_bucket{door="uri-auth",le="1"} 2
            foyer_signin_duration_seconds_bucket{door="uri-auth",le="2.5"} 3
            foyer_signin_duration_seconds_bucket{door="uri-auth",le="+Inf"} 4
            foyer_signin_duration_seconds_sum{door="uri-auth"} 10.05
            foyer_signin_duration_seconds_count{door="uri-auth"} 4
            """);
    assertThat(histograms.count("uri-auth")).isEqualTo(4);
  }

  @Test
  void writesATouchedSeriesWithEmptyBucketsAndSeriesInLabelOrder() {
    var histograms =
        new HistogramFamily("foyer_d_seconds", "D.", new double[] {1}, "door", "outcome");
    histograms.touch("uri-auth", "refused");
    histograms.observe(0.5, "jwt-sso", "accepted");
    var exposition = new Exposition();

    histograms.writeTo(exposition);

    assertThat(exposition.text())
        .isEqualTo(
            """
            # HELP foyer_d_seconds D.
            # TYPE foyer_d_seconds histogram
            foyer_d_seconds_bucket{door="jwt-sso",outcome="accepted",le="1"} 1
            foyer_d_seconds_bucket{door="jwt-sso",outcome="accepted",le="+Inf"} 1
            foyer_d_seconds_sum{door="jwt-sso",outcome="accepted"} 0.5
            foyer_d_seconds_count{door="jwt-sso",outcome="accepted"} 1
            foyer_d_seconds_bucket{door="uri-auth",outcome="refused",le="1"} 0
            foyer_d_seconds_bucket{door="uri-auth",outcome="refused",le="+Inf"} 0
            foyer_d_seconds_sum{door="uri-auth",outcome="refused"} 0
            foyer_d_seconds_count{door="uri-auth",outcome="refused"} 0
            """);
  }

  @Test
  void keepsTheInfBucketEqualToTheCountUnderConcurrentObservations() throws InterruptedException {
    var histograms = new HistogramFamily("foyer_d_seconds", "D.", BOUNDS, "door");
    var threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  histograms.observe((i % 40) / 10.0, "uri-auth");
                }
              });
      threads[t].start();
    }
    for (var thread : threads) {
      thread.join();
    }
    var exposition = new Exposition();

    histograms.writeTo(exposition);

    assertThat(exposition.text())
        .contains("foyer_d_seconds_bucket{door=\"uri-auth\",le=\"+Inf\"} 40000\n")
        .contains("foyer_d_seconds_count{door=\"uri-auth\"} 40000\n")
        // 0.0 .. 0.1: 2 of every 40 values, per thread 10 000 values.
        .contains("foyer_d_seconds_bucket{door=\"uri-auth\",le=\"0.1\"} 2000\n");
  }

  @Test
  void refusesBoundsThatDoNotIncreaseAndItsOwnLabel() {
    assertThatThrownBy(() -> new HistogramFamily("foyer_d", "D.", new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new HistogramFamily("foyer_d", "D.", new double[] {Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HistogramFamily("foyer_d", "D.", BOUNDS, "le"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

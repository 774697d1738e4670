package dev.foyer.signin.control;

import dev.foyer.metrics.control.CounterFamily;
import dev.foyer.metrics.control.Exposition;
import dev.foyer.metrics.control.HistogramFamily;
import dev.foyer.metrics.control.MetricSource;
import dev.foyer.spaces.control.Spaces;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's sign-in figures, moved by {@link LoginRecords} when a login record is committed, so
 * they say what the audit trail says: a sign-in retried after a conflict counts once, Test
 * Integration's preview (rolled back) not at all, and every refusal that is recorded is counted
 * with the record's door and code. Door, outcome and code are sets fixed by the code. The space is
 * not: a refused attempt's account is whatever the caller typed, and even real spaces may be many
 * thousand, each multiplying every series. So spaces are a label only when {@code
 * foyer.metrics.spaces} lists them (at most {@value #MAX_SPACES}); every other account, real or
 * not, is {@value #OTHER_SPACES}.
 */
@ApplicationScoped
public class SignInMetrics implements MetricSource {
  static final String ACCEPTED = "accepted";
  static final String REFUSED = "refused";

  /** The space label of every account not listed: not a slug, so no space can be called so. */
  static final String OTHER_SPACES = "_other";

  static final int MAX_SPACES = 20;

  /**
   * Upper bounds in seconds: Prometheus' defaults, and 30 s for a federated callback that waits on
   * a slow identity provider (each call may take {@code foyer.federation.read-timeout}).
   */
  private static final double[] SECONDS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };

  @Inject
  @ConfigProperty(name = "foyer.metrics.spaces")
  Optional<String> spacesSetting;

  @Inject FlowStates flows;

  /** The spaces that are a label value; empty: no space label at all. */
  private Set<String> spaces;

  private CounterFamily signIns;
  private CounterFamily refusals;
  private HistogramFamily durations;

  @PostConstruct
  void create() {
    spaces = watched(spacesSetting);
    var perSpace = spaces.isEmpty() ? "" : ", and by space (foyer.metrics.spaces)";
    signIns =
        new CounterFamily(
            "foyer_signins_total",
            "Sign-in attempts this node wrote a login record for since it started, by door and"
                + " outcome (accepted or refused)"
                + perSpace
                + ".",
            labels("door", "outcome", "space"));
    refusals =
        new CounterFamily(
            "foyer_signin_refusals_total",
            "Refused sign-in attempts this node wrote a login record for since it started, by door"
                + " and error code"
                + perSpace
                + ".",
            labels("door", "code", "space"));
    durations =
        new HistogramFamily(
            "foyer_signin_duration_seconds",
            "Seconds from the start of a door's request to its login record being committed, by"
                + " door and outcome, on this node.",
            SECONDS,
            "door",
            "outcome");
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // Created at start-up: a bad foyer.metrics.spaces fails the deployment, not the first scrape.
  }

  /** The spaces {@code foyer.metrics.spaces} lists, checked: a typo must not pass unnoticed. */
  static Set<String> watched(Optional<String> setting) {
    var listed = new LinkedHashSet<String>();
    for (var slug : setting.orElse("").split(",", -1)) {
      var trimmed = slug.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!Spaces.SLUG.matcher(trimmed).matches()) {
        throw new IllegalArgumentException(
            "foyer.metrics.spaces: '" + trimmed + "' is not a space slug");
      }
      listed.add(trimmed);
    }
    if (listed.size() > MAX_SPACES) {
      throw new IllegalArgumentException(
          "foyer.metrics.spaces lists "
              + listed.size()
              + " spaces; at most "
              + MAX_SPACES
              + " keep the number of series small");
    }
    return Set.copyOf(listed);
  }

  /**
   * Shows a door's attempts at zero before its first one (the composition root names every door at
   * start-up), so that Prometheus' {@code increase} sees its first attempt.
   */
  public void door(String door) {
    for (var outcome : new String[] {ACCEPTED, REFUSED}) {
      if (spaces.isEmpty()) {
        signIns.touch(door, outcome);
      } else {
        signIns.touch(door, outcome, OTHER_SPACES);
        spaces.forEach(space -> signIns.touch(door, outcome, space));
      }
      durations.touch(door, outcome);
    }
  }

  /**
   * A login record was committed.
   *
   * @param account the account as the record has it (may be null)
   * @param code the refusal's code; null for an accepted sign-in
   * @param took since the start of the door's request, when the request was a door's
   */
  void recorded(String door, String account, String code, Optional<Duration> took) {
    var outcome = code == null ? ACCEPTED : REFUSED;
    signIns.increment(labels(door, outcome, space(account)));
    if (code != null) {
      refusals.increment(labels(door, code, space(account)));
    }
    took.ifPresent(duration -> durations.observe(duration.toNanos() / 1e9, door, outcome));
  }

  private String space(String account) {
    return account != null && spaces.contains(account) ? account : OTHER_SPACES;
  }

  /** The values, without the last one (the space) unless spaces are a label. */
  private String[] labels(String... values) {
    return spaces.isEmpty() ? Arrays.copyOf(values, values.length - 1) : values;
  }

  @Override
  public void writeTo(Exposition exposition) {
    writeCounted(exposition);
    exposition.gauge(
        "foyer_flow_states_pending",
        "Sign-ins waiting for an identity provider's answer (flow states neither finished nor"
            + " expired), in the whole database: the same on every node.",
        flows.pending());
  }

  /** What this node counted, without the database's figures. */
  void writeCounted(Exposition exposition) {
    signIns.writeTo(exposition);
    refusals.writeTo(exposition);
    durations.writeTo(exposition);
  }
}

package dev.foyer.sessions.control;

import dev.foyer.metrics.control.Exposition;
import dev.foyer.metrics.control.MetricSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Sessions in the operators' metrics: read from the database, so the same on every node. */
@ApplicationScoped
public class SessionMetrics implements MetricSource {
  @Inject Sessions sessions;

  @Override
  public void writeTo(Exposition exposition) {
    exposition.gauge(
        "foyer_sessions_active",
        "Participant sessions neither ended nor expired, in the whole database: the same on every"
            + " node.",
        sessions.active());
  }
}

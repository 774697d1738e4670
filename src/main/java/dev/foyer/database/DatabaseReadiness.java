package dev.foyer.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers. Created at start-up (see Startup): Payara runs health checks
 * outside the module's JNDI context.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
  @PersistenceContext EntityManager em;

  @Override
  public HealthCheckResponse call() {
    try {
      em.createQuery("select count(s) from Space s", Long.class).getSingleResult();
      return HealthCheckResponse.up("database");
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("database")
          .down()
          .withData("error", e.getClass().getSimpleName())
          .build();
    }
  }
}

package dev.foyer.database;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the schema of {@code jdbc/foyer} to the newest version before anything uses JPA. A
 * portable extension (registered in META-INF/services), it runs when the container has validated
 * the beans and before the application starts: before Startup (the readiness check, the demo seed),
 * before health checks and requests. A failure is a deployment problem, so the deployment fails; an
 * exception in an {@code @Initialized(ApplicationScoped.class)} observer would only be logged by
 * Payara, which then served requests on the old schema (tried). No JTA transaction is open here;
 * Flyway commits each migration itself.
 */
public class SchemaMigrations implements Extension {
  static final System.Logger LOGGER = System.getLogger(SchemaMigrations.class.getName());

  /** The schema the release before Flyway created with EclipseLink: V1 exactly. */
  static final String ADOPTED_VERSION = "1";

  /** persistence.xml's name; WildFly binds it under java:/. */
  static final String[] DATASOURCE = {"jdbc/foyer", "java:/jdbc/foyer"};

  void migrateBeforeStart(@Observes AfterDeploymentValidation deployment) {
    try {
      migrate();
    } catch (IllegalStateException e) {
      deployment.addDeploymentProblem(e);
    }
  }

  /** Applies pending migrations; a failure is logged and thrown as an IllegalStateException. */
  void migrate() {
    try {
      var dataSource = dataSource();
      var vendor = vendor(dataSource);
      var flyway =
          Flyway.configure(SchemaMigrations.class.getClassLoader())
              .dataSource(dataSource)
              .locations("classpath:db/migration/" + vendor)
              .failOnMissingLocations(true)
              // A non-empty schema without history is the release before Flyway: adopt it as V1.
              // Flyway
              // baselines only a schema that has tables, so an empty database gets V1 applied.
              .baselineOnMigrate(true)
              .baselineVersion(ADOPTED_VERSION)
              .baselineDescription("schema created by EclipseLink before Flyway")
              .cleanDisabled(true)
              .load();
      var before = flyway.info().current();
      var result = flyway.migrate();
      var history = flyway.info();
      var after = history.current();
      // Nothing applied before, a baseline marker now: this run adopted a pre-Flyway schema.
      var adopted =
          before == null
              && Arrays.stream(history.applied()).anyMatch(m -> m.getType().isBaseline());
      var from =
          adopted
              ? "version " + ADOPTED_VERSION
              : before == null ? "empty" : "version " + before.getVersion();
      var applied =
          result.migrations.stream()
              .map(migration -> "V" + migration.version + " " + migration.description)
              .collect(Collectors.joining(", "));
      for (var backfill :
          ServiceLoader.load(SchemaBackfill.class, SchemaMigrations.class.getClassLoader())) {
        int filled;
        try {
          filled = backfill.fill(dataSource);
        } catch (SQLException e) {
          throw new IllegalStateException(
              "Cannot fill in " + backfill.what() + ": " + e.getMessage(), e);
        }
        if (filled > 0) {
          LOGGER.log(INFO, "Filled in {0} in {1} row(s)", backfill.what(), filled);
        }
      }
      LOGGER.log(
          INFO,
          "Database schema ({0}) at version {1}: {2}{3}",
          vendor,
          after == null ? "none" : after.getVersion(),
          adopted ? "adopted the existing schema as version " + ADOPTED_VERSION + "; " : "",
          result.migrationsExecuted == 0
              ? "no migration to apply"
              : "applied "
                  + result.migrationsExecuted
                  + " migration(s) from "
                  + from
                  + ": "
                  + applied);
    } catch (FlywayException | IllegalStateException e) {
      LOGGER.log(ERROR, "Schema migration failed; Foyer does not start: " + e.getMessage(), e);
      throw new IllegalStateException("Schema migration failed: " + e.getMessage(), e);
    }
  }

  private static DataSource dataSource() {
    NamingException last = null;
    for (var name : DATASOURCE) {
      try {
        return (DataSource) new InitialContext().lookup(name);
      } catch (NamingException e) {
        last = e;
      }
    }
    throw new IllegalStateException(
        "No datasource at JNDI " + String.join(" or ", DATASOURCE), last);
  }

  /** The migrations folder for the database: H2 and PostgreSQL need different SQL. */
  static String vendor(DataSource dataSource) {
    String product;
    try (var connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot connect to the database: " + e.getMessage(), e);
    }
    return switch (product.toLowerCase(Locale.ROOT)) {
      case "h2" -> "h2";
      case "postgresql" -> "postgresql";
      default ->
          throw new IllegalStateException(
              "Unsupported database '" + product + "': Foyer has migrations for H2 and PostgreSQL");
    };
  }
}

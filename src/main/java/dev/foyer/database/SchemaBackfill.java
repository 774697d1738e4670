package dev.foyer.database;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Values a migration leaves for Java to fill in, because SQL cannot compute them (a username's
 * skeleton). Each feature that needs one lists its implementation in {@code
 * META-INF/services/dev.foyer.database.SchemaBackfill}; {@link SchemaMigrations} runs them right
 * after the migrations at every start, before anything uses JPA. Once done, a run finds nothing
 * left: rows written since carry their values.
 */
public interface SchemaBackfill {
  /** What it fills in, for the log ("the username skeletons"). */
  String what();

  /**
   * Fills in what is missing, in batches with a commit each, so that a large table neither holds
   * one long transaction nor is loaded whole.
   *
   * @return the rows it filled in
   */
  int fill(DataSource dataSource) throws SQLException;
}

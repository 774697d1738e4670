package dev.foyer.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.function.UnaryOperator;
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

  /** Rows per transaction of {@link #deriveColumn}. */
  int BATCH = 500;

  /**
   * Fills a column derived from another of the same table, {@value #BATCH} rows a transaction:
   * {@code target = derive(source)} for each row of {@code table} whose target is null and source
   * is not. A row whose source changed in the meantime is left for the next run (the update
   * re-checks it), and it then carries its value anyway, being written since.
   *
   * @return the rows it filled in
   */
  static int deriveColumn(
      Connection connection,
      String table,
      String source,
      String target,
      UnaryOperator<String> derive)
      throws SQLException {
    var filled = 0;
    while (true) {
      var batch = new LinkedHashMap<String, String>();
      try (var select =
          connection.prepareStatement(
              "SELECT id, %2$s FROM %1$s WHERE %2$s IS NOT NULL AND %3$s IS NULL ORDER BY id FETCH FIRST %4$d ROWS ONLY"
                  .formatted(table, source, target, BATCH))) {
        try (var rows = select.executeQuery()) {
          while (rows.next()) {
            batch.put(rows.getString(1), rows.getString(2));
          }
        }
      }
      if (batch.isEmpty()) {
        return filled;
      }
      try (var update =
          connection.prepareStatement(
              "UPDATE %1$s SET %3$s = ? WHERE id = ? AND %2$s = ?"
                  .formatted(table, source, target))) {
        for (var row : batch.entrySet()) {
          update.setString(1, derive.apply(row.getValue()));
          update.setString(2, row.getKey());
          update.setString(3, row.getValue());
          update.addBatch();
        }
        update.executeBatch();
      }
      connection.commit();
      filled += batch.size();
    }
  }
}

package dev.foyer.members.control;

import dev.foyer.database.SchemaBackfill;
import dev.foyer.members.entity.UsernameSkeleton;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import javax.sql.DataSource;

/** V13's backfill: the skeleton of each username written before it. */
public class UsernameSkeletonBackfill implements SchemaBackfill {
  /** Rows per transaction. */
  static final int BATCH = 500;

  @Override
  public String what() {
    return "the username skeletons";
  }

  @Override
  public int fill(DataSource dataSource) throws SQLException {
    var filled = 0;
    try (var connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      while (true) {
        var batch = new LinkedHashMap<String, String>();
        try (var select =
            connection.prepareStatement(
                "SELECT id, username FROM member WHERE username IS NOT NULL"
                    + " AND username_skeleton IS NULL ORDER BY id FETCH FIRST "
                    + BATCH
                    + " ROWS ONLY")) {
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
                "UPDATE member SET username_skeleton = ? WHERE id = ? AND username = ?")) {
          for (var row : batch.entrySet()) {
            update.setString(1, UsernameSkeleton.of(row.getValue()));
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
}

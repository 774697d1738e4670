package dev.foyer.members.control;

import dev.foyer.database.SchemaBackfill;
import dev.foyer.members.entity.UsernameSkeleton;
import java.sql.SQLException;
import javax.sql.DataSource;

/** V13's backfill: the skeleton of each username written before it. */
public class UsernameSkeletonBackfill implements SchemaBackfill {
  @Override
  public String what() {
    return "the username skeletons";
  }

  @Override
  public int fill(DataSource dataSource) throws SQLException {
    try (var connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      return SchemaBackfill.deriveColumn(
          connection, "member", "username", "username_skeleton", UsernameSkeleton::of);
    }
  }
}

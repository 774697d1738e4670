package dev.foyer.members.control;

import dev.foyer.database.SchemaBackfill;
import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.SearchTerms;
import java.sql.SQLException;
import java.util.ArrayList;
import javax.sql.DataSource;

/**
 * V16's backfill: the search terms of each member written before it, and the search key of each
 * linked identity. A member has at least one term (the given name is required), so a member without
 * any is one to fill; it runs at every start and finds nothing once done.
 */
public class MemberSearchBackfill implements SchemaBackfill {
  @Override
  public String what() {
    return "the member search terms";
  }

  @Override
  public int fill(DataSource dataSource) throws SQLException {
    try (var connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      return terms(connection) + keys(connection);
    }
  }

  private static int terms(java.sql.Connection connection) throws SQLException {
    var filled = 0;
    while (true) {
      var batch = new ArrayList<String[]>();
      try (var select =
          connection.prepareStatement(
              "SELECT m.id, m.space_id, m.given_name, m.family_name, m.nickname, m.username,"
                  + " m.email FROM member m WHERE NOT EXISTS"
                  + " (SELECT 1 FROM member_term t WHERE t.member_id = m.id)"
                  + " ORDER BY m.id FETCH FIRST "
                  + BATCH
                  + " ROWS ONLY")) {
        try (var rows = select.executeQuery()) {
          while (rows.next()) {
            var row = new String[7];
            for (var i = 0; i < row.length; i++) {
              row[i] = rows.getString(i + 1);
            }
            batch.add(row);
          }
        }
      }
      if (batch.isEmpty()) {
        return filled;
      }
      try (var insert =
          connection.prepareStatement(
              "INSERT INTO member_term(member_id, space_id, term) VALUES (?, ?, ?)")) {
        for (var row : batch) {
          var profile =
              Member.Profile.named(row[4], row[2])
                  .withFamilyName(row[3])
                  .withUsername(row[5])
                  .withEmail(row[6]);
          for (var term : SearchTerms.of(profile)) {
            insert.setString(1, row[0]);
            insert.setString(2, row[1]);
            insert.setString(3, term);
            insert.addBatch();
          }
        }
        insert.executeBatch();
      }
      connection.commit();
      filled += batch.size();
    }
  }

  private static int keys(java.sql.Connection connection) throws SQLException {
    return SchemaBackfill.deriveColumn(
        connection, "linked_identity", "external_id", "external_key", SearchTerms::fold);
  }
}

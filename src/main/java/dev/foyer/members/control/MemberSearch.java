package dev.foyer.members.control;

import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.SearchTerms;
import dev.foyer.spaces.entity.Space;
import dev.foyer.web.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The administrators' member search: the members of a space whose terms ({@link SearchTerms}) or
 * linked identities' external ids begin with every word of the query, newest first, a page at a
 * time. Each word is one indexed prefix read of {@code member_term} (space, term) and of {@code
 * linked_identity} (space, external key); the page is read on {@code member} (space, created at,
 * id) from where the previous page ended. SQL rather than JPQL: JPQL cannot reach the terms without
 * joining {@code member} a second time.
 */
@ApplicationScoped
public class MemberSearch {
  /** More words than anyone types: each is two index reads. */
  public static final int MAX_WORDS = 8;

  @PersistenceContext EntityManager em;

  /** One page of members, and where the next one starts if there is more. */
  public record Page(List<Member> members, Optional<PageCursor> next) {}

  /**
   * @param words the query's words ({@link SearchTerms#words}), at most {@link #MAX_WORDS}; none
   *     lists every member
   * @param after where the previous page ended
   */
  public Page find(Space space, List<String> words, Optional<PageCursor> after, int limit) {
    var sql = new StringBuilder("SELECT m.* FROM member m WHERE m.space_id = ?");
    var parameters = new ArrayList<Object>();
    parameters.add(space.id());
    after.ifPresent(
        cursor -> {
          // Written so that both databases read the index (space, created at, id) from the cursor
          // on: a range on created_at, the id only to order one instant's members.
          sql.append(" AND m.created_at <= ? AND (m.created_at < ? OR m.id < ?)");
          var at = cursor.at().atOffset(ZoneOffset.UTC);
          parameters.add(at);
          parameters.add(at);
          parameters.add(cursor.id());
        });
    for (var word : words) {
      var pattern = SearchTerms.prefixPattern(word);
      sql.append(
          " AND (m.id IN (SELECT t.member_id FROM member_term t"
              + " WHERE t.space_id = ? AND t.term LIKE ? ESCAPE '\\')"
              + " OR m.id IN (SELECT l.member_id FROM linked_identity l"
              + " WHERE l.space_id = ? AND l.external_key LIKE ? ESCAPE '\\'))");
      parameters.add(space.id());
      parameters.add(pattern);
      parameters.add(space.id());
      parameters.add(pattern);
    }
    // space_id leads the order although it is one value: H2 reads an index in order only when the
    // ORDER BY begins with the index's first column; it then stops after the page.
    sql.append(" ORDER BY m.space_id, m.created_at DESC, m.id DESC");
    var query = em.createNativeQuery(sql.toString(), Member.class);
    for (var i = 0; i < parameters.size(); i++) {
      query.setParameter(i + 1, parameters.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Member> found = query.setMaxResults(limit + 1).getResultList();
    if (found.size() <= limit) {
      return new Page(found, Optional.empty());
    }
    var page = found.subList(0, limit);
    var last = page.get(limit - 1);
    return new Page(page, Optional.of(new PageCursor(last.createdAt(), last.id())));
  }
}

package dev.foyer.members.control;

import dev.foyer.members.entity.Member;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.regex.Pattern;

/** A member as the administration API names one: by id, and only inside the caller's space. */
@ApplicationScoped
public class Members {
  /** Member ids are UUIDs (36 characters): nothing else is looked up. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

  @PersistenceContext EntityManager em;

  /** Another space's member looks exactly like no member at all: {@code ADM6} either way. */
  public Member inSpace(Space space, String memberId) {
    var member =
        memberId == null || !ID.matcher(memberId).matches()
            ? null
            : em.find(Member.class, memberId);
    if (member == null || !member.space().id().equals(space.id())) {
      throw new GatewayProblem(ProblemType.MEMBER_UNKNOWN, "This space has no such member.");
    }
    return member;
  }
}

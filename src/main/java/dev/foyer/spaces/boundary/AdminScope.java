package dev.foyer.spaces.boundary;

import dev.foyer.FoyerApplication;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.spaces.control.Spaces;
import dev.foyer.spaces.entity.Space;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** What the caller's admin token lets them touch. */
@RequestScoped
public class AdminScope {
  public static final String SPACE_CLAIM = "foyer_space";

  @Inject JsonWebToken token;
  @Inject AdminCaller caller;
  @Inject Spaces spaces;

  public boolean global() {
    return groups().contains(FoyerApplication.ADMIN_ROLE);
  }

  // Fails closed: a caller without groups (an empty token) has no role.
  private Set<String> groups() {
    var groups = caller.operator().map(AdminCaller.Operator::groups).orElseGet(token::getGroups);
    return groups == null ? Set.of() : groups;
  }

  /**
   * Who is calling, as audit trails name them: the token's name (MicroProfile JWT: {@code upn},
   * else {@code preferred_username}, else {@code sub}).
   */
  public boolean mayAdminister(String slug) {
    return global() || ownSpace().filter(slug::equals).isPresent();
  }

  /**
   * The space a space admin administers (a foyer-admin's token may name one too); none for a caller
   * with neither role, whatever its claim says.
   */
  public Optional<String> ownSpace() {
    var groups = groups();
    if (!groups.contains(FoyerApplication.SPACE_ADMIN_ROLE)
        && !groups.contains(FoyerApplication.ADMIN_ROLE)) {
      return Optional.empty();
    }
    return caller
        .operator()
        .map(AdminCaller.Operator::space)
        .orElseGet(() -> text(token.getClaim(SPACE_CLAIM)));
  }

  // MP-JWT hands string claims over as String or as a JSON-P string, depending on the server.
  private static Optional<String> text(Object claim) {
    if (claim instanceof String text) {
      return Optional.of(text);
    }
    if (claim instanceof JsonString text) {
      return Optional.of(text.getString());
    }
    return Optional.empty();
  }

  /** Who calls: the token's subject, or the console operator's. */
  public String subject() {
    return caller.operator().map(AdminCaller.Operator::subject).orElseGet(token::getName);
  }

  /**
   * The space, if it exists and the token may administer it; unknown and forbidden look alike to
   * outsiders.
   */
  public Space space(String slug) {
    if (slug == null || !Spaces.SLUG.matcher(slug).matches()) {
      // Checked before anything else reads it: no slug of another shape names a space.
      throw new GatewayProblem(ProblemType.SPACE_UNKNOWN, "No space has a slug like that.");
    }
    if (!mayAdminister(slug)) {
      throw new GatewayProblem(
          ProblemType.SPACE_FORBIDDEN, "This token administers another space.");
    }
    return spaces
        .bySlug(slug)
        .orElseThrow(
            () ->
                new GatewayProblem(ProblemType.SPACE_UNKNOWN, "There is no space '" + slug + "'."));
  }

  public void requireGlobal() {
    if (!global()) {
      throw new GatewayProblem(ProblemType.SPACE_FORBIDDEN, "Only a foyer-admin may do this.");
    }
  }
}

package dev.foyer.spaces.boundary;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.Set;

/**
 * An admin API caller that came without a bearer token: the operator console's session, which a
 * filter of the console finds before any role is checked. Its role is one of the admin token roles,
 * so {@link AdminScope} applies the same rules to both.
 */
@RequestScoped
public class AdminCaller {
  /** The operator as the admin API sees a token: a subject, its roles and its space claim. */
  public record Operator(String subject, Set<String> groups, Optional<String> space) {}

  private Operator operator;

  public void signedIn(Operator operator) {
    this.operator = operator;
  }

  public Optional<Operator> operator() {
    return Optional.ofNullable(operator);
  }
}

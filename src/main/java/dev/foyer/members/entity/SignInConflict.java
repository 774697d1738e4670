package dev.foyer.members.entity;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import java.util.Map;

/**
 * A sign-in refused because another member of the space holds the asserted username ({@code CNF1})
 * or email ({@code CNF2}) and the space does not resolve conflicts by itself. Nothing was written.
 * {@code mayChoose} says whether the space lets the person pick another value (seed 002's "Allow
 * users to change their name / email if there is a conflict"): the federation flow then asks for
 * one and runs the sign-in again with it in the asserted profile. Both are problem+json extension
 * members ({@code field}, {@code mayChoose}).
 */
public class SignInConflict extends GatewayProblem {
  private final ConflictField field;
  private final boolean mayChoose;

  public SignInConflict(ConflictField field, boolean mayChoose) {
    super(
        field == ConflictField.USERNAME
            ? ProblemType.USERNAME_CONFLICT
            : ProblemType.EMAIL_CONFLICT,
        (field == ConflictField.USERNAME
                ? "Another member of this space already has this username."
                : "Another member of this space already has this email address.")
            + (mayChoose
                ? " Choose another one to sign in."
                : " Ask the space's administrators for help."));
    this.field = field;
    this.mayChoose = mayChoose;
  }

  public ConflictField field() {
    return field;
  }

  public boolean mayChoose() {
    return mayChoose;
  }

  @Override
  public Map<String, Object> extensions() {
    return Map.of("field", field.name(), "mayChoose", mayChoose);
  }
}

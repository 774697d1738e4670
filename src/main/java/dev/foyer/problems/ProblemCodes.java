package dev.foyer.problems;

import java.util.List;

/**
 * A feature's refusal codes, for the list of every code at {@code /errors}: a door (or the console)
 * implements this on one of its beans, so a new door's codes are listed without editing the spine.
 */
public interface ProblemCodes {
  List<? extends ProblemCode> codes();
}

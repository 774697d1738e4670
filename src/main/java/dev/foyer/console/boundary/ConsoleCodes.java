package dev.foyer.console.boundary;

import dev.foyer.console.entity.ConsoleProblem;
import dev.foyer.problems.ProblemCode;
import dev.foyer.problems.ProblemCodes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The console's refusal codes, for the list at {@code /errors}. */
@ApplicationScoped
public class ConsoleCodes implements ProblemCodes {
  @Override
  public List<? extends ProblemCode> codes() {
    return List.of(ConsoleProblem.values());
  }
}

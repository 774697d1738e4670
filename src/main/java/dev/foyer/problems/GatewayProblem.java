package dev.foyer.problems;

/**
 * A refusal. The message is the problem's detail: written for the caller, never holding secrets.
 */
public class GatewayProblem extends RuntimeException {
  private final ProblemCode type;

  public GatewayProblem(ProblemCode type, String detail) {
    super(detail, null, false, false);
    this.type = type;
  }

  public GatewayProblem(ProblemCode type) {
    this(type, type.title());
  }

  public ProblemCode type() {
    return type;
  }
}

package dev.foyer.problems;

/** A refusal. The message is the problem's detail: written for the caller, never holding secrets. */
public class GatewayProblem extends RuntimeException {
  private final ProblemType type;

  public GatewayProblem(ProblemType type, String detail) {
    super(detail, null, false, false);
    this.type = type;
  }

  public GatewayProblem(ProblemType type) {
    this(type, type.title());
  }

  public ProblemType type() {
    return type;
  }
}

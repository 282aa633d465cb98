package io.twinledger.network;

import java.util.List;

/**
 * A consortium definition is invalid. All problems found are reported together, in document order,
 * so that a file can be fixed in one pass.
 */
public final class InvalidConsortiumException extends IllegalArgumentException {

  private final List<ConsortiumProblem> problems;

  public InvalidConsortiumException(List<ConsortiumProblem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in document order; never empty. */
  public List<ConsortiumProblem> problems() {
    return problems;
  }

  private static String summary(List<ConsortiumProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid consortium has at least one problem");
    }
    String first = "invalid consortium definition: " + problems.getFirst();
    return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
  }
}

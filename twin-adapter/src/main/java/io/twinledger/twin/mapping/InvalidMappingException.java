package io.twinledger.twin.mapping;

import java.util.List;

/**
 * A mapping configuration, or a value in it, is invalid. All problems found are reported together,
 * in document order, so that a file can be fixed in one pass.
 */
public final class InvalidMappingException extends IllegalArgumentException {

  private final List<MappingProblem> problems;

  public InvalidMappingException(List<MappingProblem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
  }

  /** A single problem with a value, its path relative to the value. */
  public InvalidMappingException(String path, String reason) {
    this(List.of(new MappingProblem(path, reason)));
  }

  /** Every problem, in document order; never empty. */
  public List<MappingProblem> problems() {
    return problems;
  }

  /** The same problems seen from a document that holds the value under {@code parent}. */
  public InvalidMappingException within(String parent) {
    return new InvalidMappingException(problems.stream().map(p -> p.within(parent)).toList());
  }

  private static String summary(List<MappingProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid mapping has at least one problem");
    }
    String first = problems.getFirst().toString();
    return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
  }
}

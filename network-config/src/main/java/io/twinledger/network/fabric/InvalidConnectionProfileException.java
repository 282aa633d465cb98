package io.twinledger.network.fabric;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A connection profile cannot be used. The message has one line per problem, each naming the file
 * and the place in it: {@code cityfinance.json: peers.peer0.x.url: "localhost:7051" is not a
 * grpcs:// or grpc:// URL}.
 */
public final class InvalidConnectionProfileException extends IllegalArgumentException {

  private final Path file;
  private final List<String> problems;

  /**
   * @param file the profile
   * @param problems what is wrong, one line each ({@code <where>: <what>}), at least one
   */
  public InvalidConnectionProfileException(Path file, List<String> problems) {
    super(
        problems.stream()
            .map(problem -> Objects.requireNonNull(file, "file") + ": " + problem)
            .collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid profile has at least one problem");
    }
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  /** The profile. */
  public Path file() {
    return file;
  }

  /** Every problem, one line each, without the file. */
  public List<String> problems() {
    return problems;
  }
}

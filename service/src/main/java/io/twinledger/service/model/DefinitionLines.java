package io.twinledger.service.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Where each field of a model definition's YAML text is written, so that the editor shows a problem
 * with the line it refers to.
 *
 * <p>A problem's path is the API's ({@code definition.lines[2] (recovered-revenue).formula}): the
 * line id in parentheses is only for people and is dropped. A path that has no line of its own (a
 * missing field) is shown at its nearest written parent; a problem of the whole document (YAML that
 * does not parse says its line in its message) has none. The bond terms editor reads its YAML the
 * same way, its problems' paths prefixed with {@code definition.} as the model editor's are.
 */
public final class DefinitionLines {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Pattern LABEL = Pattern.compile(" \\([^)]*\\)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");
  private static final String PREFIX = "definition";

  private final List<String> text;
  private final Map<String, Integer> lineOfPointer;

  private DefinitionLines(String yaml) {
    this.text = yaml.lines().toList();
    this.lineOfPointer = read(yaml);
  }

  /** The lines of a definition's YAML text; none of them found when it does not parse. */
  public static DefinitionLines of(String yaml) {
    return new DefinitionLines(yaml == null ? "" : yaml);
  }

  /** A problem's place: the 1-based line and its text. */
  public record Place(int line, String text) {}

  /**
   * The line a problem's path refers to.
   *
   * @param path the API's path, {@code definition.…}; a path outside the definition has no line
   */
  public Optional<Place> placeOf(String path) {
    if (!path.startsWith(PREFIX + ".")) {
      return Optional.empty();
    }
    String pointer =
        "/"
            + INDEX
                .matcher(LABEL.matcher(path.substring(PREFIX.length() + 1)).replaceAll(""))
                .replaceAll(".$1")
                .replace('.', '/');
    while (!pointer.isEmpty()) {
      Integer line = lineOfPointer.get(pointer);
      if (line != null) {
        return Optional.of(new Place(line, line <= text.size() ? text.get(line - 1).strip() : ""));
      }
      pointer = pointer.substring(0, pointer.lastIndexOf('/'));
    }
    return Optional.empty();
  }

  private static Map<String, Integer> read(String yaml) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = YAML.createParser(yaml)) {
      while (parser.nextToken() != null) {
        lines.putIfAbsent(
            parser.streamReadContext().pathAsPointer().toString(),
            parser.currentTokenLocation().getLineNr());
      }
    } catch (JacksonException e) {
      // Text that does not parse: its problem names the line in its message; the fields read
      // before it keep theirs.
    }
    return lines;
  }
}

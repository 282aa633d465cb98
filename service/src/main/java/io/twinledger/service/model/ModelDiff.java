package io.twinledger.service.model;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import io.twinledger.finance.model.ModelDefinitions;
import io.twinledger.ledger.model.projection.ModelVersionView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The line diff of two versions of a model, each written as YAML by {@link ModelDefinitions}: every
 * line of both, in order, each unchanged, removed (only in {@code from}) or added (only in {@code
 * to}). Line numbers are 1-based, each in its own version's text.
 */
public record ModelDiff(int from, int to, List<Row> rows) {

  /** What happened to a line. */
  public enum Change {
    UNCHANGED,
    REMOVED,
    ADDED
  }

  /** One line: its number in the older version, in the newer one, or both when unchanged. */
  public record Row(
      Change change, Optional<Integer> fromLine, Optional<Integer> toLine, String text) {}

  static ModelDiff of(ModelVersionView from, ModelVersionView to) {
    List<String> before = ModelDefinitions.toYaml(from.definition()).lines().toList();
    List<String> after = ModelDefinitions.toYaml(to.definition()).lines().toList();
    List<Row> rows = new ArrayList<>();
    int i = 0;
    int j = 0;
    for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
      while (i < delta.getSource().getPosition()) {
        rows.add(new Row(Change.UNCHANGED, Optional.of(i + 1), Optional.of(j + 1), before.get(i)));
        i++;
        j++;
      }
      for (String line : delta.getSource().getLines()) {
        rows.add(new Row(Change.REMOVED, Optional.of(++i), Optional.empty(), line));
      }
      for (String line : delta.getTarget().getLines()) {
        rows.add(new Row(Change.ADDED, Optional.empty(), Optional.of(++j), line));
      }
    }
    while (i < before.size()) {
      rows.add(new Row(Change.UNCHANGED, Optional.of(i + 1), Optional.of(j + 1), before.get(i)));
      i++;
      j++;
    }
    return new ModelDiff(from.version(), to.version(), List.copyOf(rows));
  }

  /** How many lines the newer version adds. */
  public long added() {
    return rows.stream().filter(r -> r.change() == Change.ADDED).count();
  }

  /** How many lines of the older version it removes. */
  public long removed() {
    return rows.stream().filter(r -> r.change() == Change.REMOVED).count();
  }
}

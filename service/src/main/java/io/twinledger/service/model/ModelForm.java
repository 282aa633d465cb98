package io.twinledger.service.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the model editor sends: the definition as YAML, the ids of the assets it applies to
 * separated by commas or spaces, and for a revision why it is made and the version it was edited
 * from.
 *
 * @param action {@code check} to validate only (the dry run), {@code save} to record a version
 */
public record ModelForm(
    String definition, String assets, String reason, Integer expectedVersion, String action) {

  /** The form's fields, by the names the API's problems give them. */
  public static final List<String> FIELDS = List.of("definition", "assets", "reason");

  /** An editor filled with a definition and its assets. */
  static ModelForm of(String definition, List<String> assets, Optional<Integer> version) {
    return new ModelForm(definition, String.join(", ", assets), "", version.orElse(null), "");
  }

  /** Whether the officer asked to save rather than only check. */
  boolean saving() {
    return "save".equals(action);
  }

  /** The request the API would get for the same input. */
  ModelRequest request() {
    return ModelRequest.fromForm(
        definition,
        assets == null
            ? List.of()
            : Arrays.stream(assets.split("[,\\s]+")).filter(id -> !id.isEmpty()).toList(),
        Optional.ofNullable(reason).filter(r -> !r.isBlank()),
        Optional.ofNullable(expectedVersion));
  }
}

package io.twinledger.service.bond;

import java.util.List;

/**
 * What the bond terms editor sends: the terms as YAML (or JSON, which YAML reads too) and, for a
 * revision, why it is made and the version it was edited from.
 *
 * @param action {@code check} to validate only (the dry run), {@code save} to record a version
 */
public record BondTermsForm(
    String definition, String reason, Integer expectedVersion, String action) {

  /** The form's fields, by the names its problems give them. */
  static final List<String> FIELDS = List.of("definition", "reason");

  /** An editor filled with terms. */
  static BondTermsForm of(String definition, Integer version) {
    return new BondTermsForm(definition, "", version, "");
  }

  /** Whether the officer asked to save rather than only check. */
  boolean saving() {
    return "save".equals(action);
  }

  /** The reason given, empty if none. */
  String reasonText() {
    return reason == null ? "" : reason.strip();
  }
}

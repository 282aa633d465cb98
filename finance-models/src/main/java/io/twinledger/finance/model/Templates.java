package io.twinledger.finance.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The model templates shipped with the library, one per demo asset class: {@code water-nrw}
 * (recovered NRW volume, real-loss production cost, NRW contractor payment), {@code stormwater}
 * (avoided CSO penalties, fee credits, fixed O&amp;M) and {@code roads} (availability payment with
 * lagged KPI deductions, weigh-in-motion fee, maintenance by condition band). They are starting
 * points: every number in them is a parameter to set per contract.
 */
public final class Templates {

  /** The names {@link #load(String)} accepts. */
  public static final List<String> NAMES = List.of("water-nrw", "stormwater", "roads");

  private Templates() {}

  /**
   * Reads a shipped template.
   *
   * @throws IllegalArgumentException if there is no template of that name
   */
  public static ModelDefinition load(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "no model template '" + name + "'; known: " + String.join(", ", NAMES));
    }
    try (InputStream in = Templates.class.getResourceAsStream("templates/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("template resource templates/" + name + ".yaml is missing");
      }
      return ModelDefinitions.parseYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.twinledger.finance.bond.terms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The reference deals of issue 16 as terms documents, under {@code src/test/resources/bonds}. */
public final class ReferenceDeals {

  private ReferenceDeals() {}

  /** The document text of {@code bonds/<name>}. */
  public static String text(String name) {
    try (InputStream in = ReferenceDeals.class.getResourceAsStream("/bonds/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource bonds/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The terms of {@code bonds/<name>}, JSON or YAML by its extension. */
  public static BondTerms terms(String name) {
    String text = text(name);
    return name.endsWith(".yaml")
        ? BondTermsDocuments.parseYaml(text)
        : BondTermsDocuments.parseJson(text);
  }
}

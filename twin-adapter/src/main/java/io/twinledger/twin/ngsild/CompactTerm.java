package io.twinledger.twin.ngsild;

import java.util.Optional;

/**
 * The short name of a possibly expanded term. Brokers send short names when the subscriber's
 * context defines them and full IRIs when it does not, such as {@code
 * https://smartdatamodels.org/dataModel.WaterConsumption/waterConsumption}, {@code
 * https://uri.etsi.org/ngsi-ld/default-context/iri} or a compact IRI {@code sdm:waterConsumption}.
 *
 * <p>A term containing {@code :} is an IRI or compact IRI; its short name is what follows the last
 * {@code /}, {@code #} or {@code :}. This covers the Smart Data Models prefixes, the NGSI-LD
 * default context and hash vocabularies alike without a list of known prefixes to maintain. Two
 * vocabularies could share a local name; the parser rejects the second attribute of an entity whose
 * short name is taken.
 */
final class CompactTerm {

  private CompactTerm() {}

  static Optional<String> shortName(String term) {
    if (term.indexOf(':') < 0) {
      return term.isBlank() ? Optional.empty() : Optional.of(term);
    }
    int cut =
        Math.max(term.lastIndexOf('/'), Math.max(term.lastIndexOf('#'), term.lastIndexOf(':')));
    String local = term.substring(cut + 1);
    return local.isBlank() ? Optional.empty() : Optional.of(local);
  }
}

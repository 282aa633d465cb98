package io.twinledger.twin.ngsild;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompactTermTest {

  @ParameterizedTest
  @CsvSource({
    "waterConsumption, waterConsumption",
    "https://smartdatamodels.org/dataModel.WaterConsumption/waterConsumption, waterConsumption",
    "https://uri.etsi.org/ngsi-ld/default-context/iri, iri",
    "https://saref.etsi.org/core#hasValue, hasValue",
    "sdm:rutDepth, rutDepth",
    "urn:ngsi-ld:Vocab:pci, pci",
  })
  void cutsExpandedTermsToTheirLocalName(String term, String shortName) {
    assertThat(CompactTerm.shortName(term)).contains(shortName);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", " ", "https://example.org/vocab/", "https://example.org/vocab#", "x:"})
  void aTermWithoutLocalNameHasNoShortName(String term) {
    assertThat(CompactTerm.shortName(term)).isEmpty();
  }
}

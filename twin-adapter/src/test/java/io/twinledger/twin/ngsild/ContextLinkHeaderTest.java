package io.twinledger.twin.ngsild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContextLinkHeaderTest {

  private static final String CONTEXT = "https://smartdatamodels.org/context.jsonld";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // as Orion-LD and Stellio send it
        "<https://smartdatamodels.org/context.jsonld>;"
            + " rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"",
        // no spaces, parameters in another order, upper-case parameter names
        "<https://smartdatamodels.org/context.jsonld>;TYPE=\"application/ld+json\";"
            + "REL=\"http://www.w3.org/ns/json-ld#context\"",
        // unquoted relation, as some servers write it
        "<https://smartdatamodels.org/context.jsonld>; rel=http://www.w3.org/ns/json-ld#context",
        // among other links, with several relation types
        "<https://a.example/page/2>; rel=\"next\", <https://smartdatamodels.org/context.jsonld>;"
            + " rel=\"alternate http://www.w3.org/ns/json-ld#context\"",
        // empty list elements and a quoted parameter with an escaped quote
        " , <https://smartdatamodels.org/context.jsonld>; title=\"a \\\" b\";"
            + " rel=\"http://www.w3.org/ns/json-ld#context\" ,",
      })
  void findsTheContextLink(String header) throws InvalidNotificationException {
    assertThat(ContextLinkHeader.contextTarget(header)).contains(CONTEXT);
  }

  @Test
  void onlyTheFirstRelParameterCounts() throws InvalidNotificationException {
    assertThat(
            ContextLinkHeader.contextTarget(
                "<" + CONTEXT + ">; rel=\"next\"; rel=\"http://www.w3.org/ns/json-ld#context\""))
        .isEmpty();
  }

  @Test
  void noContextLinkIsEmpty() throws InvalidNotificationException {
    assertThat(ContextLinkHeader.contextTarget("")).isEqualTo(Optional.empty());
    assertThat(ContextLinkHeader.contextTarget("<https://a.example/>; rel=\"next\"")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://a.example/ctx|Link header: expected '<' at position 0",
        "<https://a.example/ctx; rel=x|Link header: '<' at position 0 is not closed by '>'",
        "<https://a.example/ctx> rel=x|Link header: expected ';' at position 24",
        "<https://a.example/ctx>; title=\"open|Link header: the quoted string at position 31 is not"
            + " closed",
        "<https://a.example/ctx>; =x|Link header: expected a parameter at position 25",
        "<https://a.example/a>; rel=\"http://www.w3.org/ns/json-ld#context\","
            + " <https://a.example/b>; rel=\"http://www.w3.org/ns/json-ld#context\"|Link header:"
            + " names 2 JSON-LD contexts; at most one is allowed",
      })
  void rejectsAMalformedHeader(String header, String reason) {
    assertThatThrownBy(() -> ContextLinkHeader.contextTarget(header))
        .isInstanceOf(InvalidNotificationException.class)
        .hasMessage(reason);
  }
}

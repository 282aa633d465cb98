package io.twinledger.reporting.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The strict reader's own rules, apart from any bundle format: duplicates in objects of any size
 * and depth, paths of array items in refusals, and the tree written back as read.
 */
class StrictJsonTest {

  @Test
  void aDuplicateNameIsRefusedInASmallObjectAndInAHugeOne() {
    assertThatThrownBy(() -> read("{\"a\": 1, \"b\": 2, \"a\": 3}"))
        .isInstanceOf(StrictJson.Malformed.class)
        .hasMessage("duplicate field \"a\"");
    // Past sixteen members, names are kept in a set: the last name repeats the first.
    String members =
        IntStream.range(0, 40)
            .mapToObj(i -> "\"m" + i + "\": " + i)
            .collect(Collectors.joining(","));
    assertThatThrownBy(() -> read("{" + members + ", \"m0\": 0}"))
        .isInstanceOf(StrictJson.Malformed.class)
        .hasMessage("duplicate field \"m0\"");
    assertThatThrownBy(() -> read("{" + members + ", \"m39\": 0}"))
        .isInstanceOf(StrictJson.Malformed.class)
        .hasMessage("duplicate field \"m39\"");
  }

  @Test
  void aNameMayRepeatInNestedAndSiblingObjects() throws Exception {
    StrictJson.Node root =
        read(
            "{\"a\": {\"a\": {\"a\": \"deep\"}, \"b\": 1},"
                + " \"list\": [{\"a\": \"first\"}, {\"a\": \"second\"}], \"b\": \"last\"}");

    assertThat(root.names()).containsExactly("a", "list", "b");
    assertThat(root.object("a").object("a").string("a")).isEqualTo("deep");
    assertThat(root.objects("list"))
        .extracting(n -> n.stringOr("a", ""))
        .containsExactly("first", "second");
    assertThat(root.string("b")).isEqualTo("last");
    assertThatThrownBy(() -> read("{\"list\": [{\"a\": 1}, {\"a\": 1, \"a\": 2}]}"))
        .hasMessage("duplicate field \"a\"");
  }

  @Test
  void aRefusalNamesTheArrayItemAndFieldAtFault() throws Exception {
    StrictJson.Node root =
        read(
            "{\"batches\": [{\"readings\": []}, {\"readings\": [{\"value\": \"1\"}, {\"value\": 2}]}]}");
    StrictJson.Node reading = root.objects("batches").get(1).objects("readings").get(1);

    assertThatThrownBy(() -> reading.string("value"))
        .hasMessage("field \"batches[1].readings[1].value\" is not a string");
    assertThatThrownBy(() -> reading.only(Set.of("unit")))
        .hasMessage("unknown field \"batches[1].readings[1].value\"");
    assertThatThrownBy(() -> root.objects("batches").get(0).objects("nothing"))
        .hasMessage("missing field \"batches[0].nothing\"");
    assertThatThrownBy(() -> read("{\"items\": [{}, 3]}").objects("items"))
        .hasMessage("items[1] is not an object");
  }

  @Test
  void anObjectIsWrittenBackAsRead() throws Exception {
    String json = "{\"z\":1.50,\"a\":[true,false,null,\"x\"],\"m\":{\"k\":\"v\"}}";

    assertThat(read(json).json()).isEqualTo(json);
  }

  private static StrictJson.Node read(String json) throws StrictJson.Malformed {
    return StrictJson.object(json.getBytes(StandardCharsets.UTF_8));
  }
}

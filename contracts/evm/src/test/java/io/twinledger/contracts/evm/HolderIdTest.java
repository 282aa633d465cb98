package io.twinledger.contracts.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolderIdTest {

  @Test
  void wordsOrderAsTheIdsDo() {
    List<String> ids = List.of("a", "ab", "b", "inv-00009", "inv-00010", "Z", "~", "a b");
    for (String x : ids) {
      for (String y : ids) {
        assertThat(Integer.signum(word(x).compareTo(word(y))))
            .as("%s vs %s", x, y)
            .isEqualTo(Integer.signum(x.compareTo(y)));
      }
    }
  }

  @Test
  void roundTrips() {
    assertThat(HolderId.decode(HolderId.encode("inv-00042").getValue())).isEqualTo("inv-00042");
    String longest = "x".repeat(32);
    assertThat(HolderId.decode(HolderId.encode(longest).getValue())).isEqualTo(longest);
  }

  @Test
  void refusesWhatABytes32CannotOrderLikeTheBooks() {
    assertThatThrownBy(() -> HolderId.encode("x".repeat(33)))
        .hasMessageStartingWith("holder: ")
        .hasMessageContaining("1 to 32 characters");
    assertThatThrownBy(() -> HolderId.encode("")).hasMessageStartingWith("holder: ");
    assertThatThrownBy(() -> HolderId.encode("jürgen")).hasMessageContaining("printable ASCII");
  }

  private static BigInteger word(String id) {
    return new BigInteger(1, HolderId.encode(id).getValue());
  }
}

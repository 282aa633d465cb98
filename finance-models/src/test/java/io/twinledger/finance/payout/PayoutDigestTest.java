package io.twinledger.finance.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinledger.finance.money.Money;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayoutDigestTest {

  @Test
  void isTheSha256OfOneLinePerHolderInHolderOrderWithMinorUnits() throws Exception {
    List<Payout> payouts =
        List.of(
            new Payout("b", Money.of("USD", "33.33")),
            new Payout("a", Money.of("USD", "33.34")),
            new Payout("c", Money.of("USD", "0")));
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest("a\t3334\nb\t3333\nc\t0\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(PayoutDigest.of(payouts)).isEqualTo(expected);
    assertThat(PayoutDigest.of(payouts.reversed())).isEqualTo(expected);
  }

  @Test
  void changesWithAnyAmount() {
    assertThat(PayoutDigest.of(List.of(new Payout("a", Money.of("JPY", "5")))))
        .isNotEqualTo(PayoutDigest.of(List.of(new Payout("a", Money.of("JPY", "6")))));
  }

  @Test
  void refusesAmountsFinerThanAMinorUnit() {
    assertThatThrownBy(() -> PayoutDigest.of(List.of(new Payout("a", Money.of("USD", "0.001")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finer than a minor unit");
  }
}

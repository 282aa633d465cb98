package io.twinledger.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportStatementTest {

  private static final Sha256 DIGEST =
      Sha256.fromHex("5DC9DA79A70659A9AD559CB701DED9A2AB9D823AAD2F4960CFE370EFF4604328");

  @Test
  void signedContentIsTheDocumentedText() {
    ReportStatement statement =
        new ReportStatement(
            "riverton-kpi-2026-q1", "kpi-performance", "gi-rock-creek-a", "2026-Q1", DIGEST);

    assertThat(new String(statement.signedContent(), StandardCharsets.UTF_8))
        .isEqualTo(
            "twinledger-report-statement/v1\nriverton-kpi-2026-q1\nkpi-performance\ngi-rock-creek-a\n"
                + "2026-Q1\n5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n");
  }

  @Test
  void refusesFieldsThatCouldForgeLines() {
    assertThatThrownBy(() -> new ReportStatement("r\n1", "kpi", "s", "p", DIGEST))
        .hasMessageStartingWith("reportId: 1 to 128 characters");
    assertThatThrownBy(() -> new ReportStatement("r1", "KPI", "s", "p", DIGEST))
        .hasMessageStartingWith("reportType: 1 to 64 characters");
    assertThatThrownBy(() -> new ReportStatement("r1", "kpi", "a\nb", "p", DIGEST))
        .hasMessage("subject: no line breaks or control characters");
    assertThatThrownBy(() -> new ReportStatement("r1", "kpi", "s", "", DIGEST))
        .hasMessage("period: 1 to 64 characters, not 0 characters");
    assertThatThrownBy(() -> new ReportStatement("r1", "kpi", "s", "p", null))
        .isInstanceOf(NullPointerException.class);
  }
}

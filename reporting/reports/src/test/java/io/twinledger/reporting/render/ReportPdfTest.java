package io.twinledger.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportJson;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ReportPdfTest {

  @Test
  void showsTheDigestAndEveryFigureAsStated() throws IOException {
    Report report = ExampleReport.report();

    String text = text(ReportPdf.write(report));

    assertThat(text)
        .contains(report.title())
        .contains(ReportJson.sha256(report))
        .contains("slb-kpi")
        .contains("CityFinanceMSP")
        .contains("2026-01-15T09:30:00.250Z")
        .contains("from 2025-01-01 up to, not including, 2026-01-01")
        .contains(report.statements().getFirst());
    for (Figure figure : report.figures()) {
      assertThat(text).contains(figure.id()).contains(figure.value() + " " + figure.unit());
    }
    assertThat(text).contains("4000.00 USD").contains("27.40 P1").contains("31 P1");
  }

  @Test
  void showsEachFiguresDerivation() throws IOException {
    Report report = ExampleReport.report();

    String text = text(ReportPdf.write(report));

    assertThat(text)
        .contains("observationDate = 2025-03-01")
        .contains("payer = ISSUER")
        .contains("/api/v1/evidence/kpi-periods/dma-north-hill/nrw-percent/2025-07")
        .contains("b2".repeat(32))
        .contains("bond-terms")
        .contains("kpi-definition");
  }

  @Test
  void runsOntoSeveralPagesWithAChartImage() throws IOException {
    try (PDDocument pdf = Loader.loadPDF(ReportPdf.write(ExampleReport.report()))) {
      assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
      assertThat(images(pdf)).hasSize(1);
    }
  }

  @Test
  void aLongTableRunsOntoTheNextPageUnderItsHeader() throws IOException {
    List<Figure> many = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      many.add(
          new Figure(
              "extra." + i,
              "An extra figure " + i,
              Integer.toString(i),
              "",
              "tier",
              Map.of(),
              List.of()));
    }
    Report report = ExampleReport.withExtra(many);

    try (PDDocument pdf = Loader.loadPDF(ReportPdf.write(report))) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(2);
      stripper.setEndPage(2);
      assertThat(stripper.getText(pdf)).contains("Figure Label Value Formula");
      assertThat(new PDFTextStripper().getText(pdf)).contains("extra.79").contains("page 1 of ");
    }
  }

  @Test
  void aReportWithoutTwoLikeFiguresHasNoChart() throws IOException {
    Report report =
        ExampleReport.report(f -> f.formula().equals("kpi-period") ? changeValue(f, "met") : f);
    Report single =
        ExampleReport.report(f -> f.id().equals("payment.2025-12-31") ? changeValue(f, "due") : f);

    assertThat(FigureChart.of(report)).map(FigureChart::formula).contains("bond-payment");
    assertThat(FigureChart.of(single)).map(FigureChart::formula).contains("kpi-period");
    Report none = ExampleReport.report(f -> f.formula().equals("sum") ? f : changeValue(f, "met"));
    assertThat(FigureChart.of(none)).isEmpty();
    try (PDDocument pdf = Loader.loadPDF(ReportPdf.write(none))) {
      assertThat(images(pdf)).isEmpty();
    }
  }

  @Test
  void printsWhatTheFontCannotEncodeAsAQuestionMark() throws IOException {
    Report report =
        ExampleReport.report(
            f ->
                f.id().equals("payments.2025")
                    ? new Figure(
                        f.id(),
                        "Payments \u2264 cap, \u6C34 and \uD83D\uDCA7\tsplit",
                        f.value(),
                        f.unit(),
                        f.formula(),
                        f.parameters(),
                        f.inputs())
                    : f);

    String text = text(ReportPdf.write(report));

    assertThat(text).contains("Payments ? cap, ? and ? split");
  }

  @Test
  void theSameReportGivesTheSameBytes() throws Exception {
    byte[] first = ReportPdf.write(ExampleReport.report());
    // PDFBox would take a file identifier from the clock's milliseconds.
    Thread.sleep(5);
    byte[] second = ReportPdf.write(ExampleReport.report());

    assertThat(second).isEqualTo(first);
  }

  @Test
  void aChangedValueChangesThePdf() throws IOException {
    Report changed =
        ExampleReport.report(
            f -> f.id().equals("kpi.nrw-percent.2025-05") ? changeValue(f, "28.5") : f);

    String text = text(ReportPdf.write(changed));

    assertThat(text).contains("28.5 P1").contains(ReportJson.sha256(changed));
    assertThat(ReportPdf.write(changed)).isNotEqualTo(ReportPdf.write(ExampleReport.report()));
  }

  @Test
  void describesTheDocument() throws IOException {
    Report report =
        ExampleReport.withFigures(
            UnaryOperator.identity(),
            Optional.of(
                new Report.Replacement(
                    "slb-north-hill-2030-kpi-2025-draft", "d4".repeat(32), "May closed again")),
            List.of());

    byte[] bytes = ReportPdf.write(report);

    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      PDDocumentInformation info = pdf.getDocumentInformation();
      assertThat(info.getTitle()).isEqualTo(report.title());
      assertThat(info.getSubject()).isEqualTo(report.subject());
      assertThat(info.getProducer()).isEqualTo("TwinLedger");
      assertThat(info.getCreationDate().toInstant())
          .isEqualTo(Instant.parse("2026-01-15T09:30:00.250Z").truncatedTo(ChronoUnit.SECONDS));
      assertThat(info.getCustomMetadataValue("ReportSha256")).isEqualTo(ReportJson.sha256(report));
      assertThat(pdf.getDocument().getTrailer().getCOSArray(COSName.ID)).isNotNull();
      assertThat(new PDFTextStripper().getText(pdf))
          .contains("slb-north-hill-2030-kpi-2025-draft")
          .contains("d4".repeat(32))
          .contains("May closed again");
    }
    assertThat(ReportPdf.fileName(report))
        .startsWith(
            "slb-north-hill-2030-kpi-2025_slb-kpi_2025-01-01_2026-01-01_CityFinanceMSP_sha256-")
        .endsWith(ReportJson.sha256(report) + ".pdf");
  }

  private static Figure changeValue(Figure f, String value) {
    return new Figure(f.id(), f.label(), value, f.unit(), f.formula(), f.parameters(), f.inputs());
  }

  private static List<PDImageXObject> images(PDDocument pdf) throws IOException {
    List<PDImageXObject> images = new ArrayList<>();
    for (PDPage page : pdf.getPages()) {
      for (COSName name : page.getResources().getXObjectNames()) {
        if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
          images.add(image);
        }
      }
    }
    return images;
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      // Lines run together so that a wrapped cell reads as one text.
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }
}

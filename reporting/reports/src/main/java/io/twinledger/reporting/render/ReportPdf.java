package io.twinledger.reporting.render;

import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Input;
import io.twinledger.reporting.report.Report;
import io.twinledger.reporting.report.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/**
 * A report as a PDF for people, A4, in the standard 14 Helvetica fonts: the title block (type,
 * subject, period, issuer, time of issue, the full SHA-256 of the canonical JSON, the report it
 * replaces and why, provenance), the figures as a table, a {@linkplain FigureChart chart} of the
 * largest group of numeric figures with one formula and unit, the derivation of each figure (its
 * parameters, and each input's kind, leaf index, leaf hash and address, or the earlier figure's
 * value), and the statements. Long tables run onto further pages under their header again.
 *
 * <p>Values and units are printed as the report states them. The period is the report's own: from
 * its start up to, not including, its end. Characters the fonts cannot print are printed as {@code
 * ?} ({@link PdfText}).
 *
 * <p>The same report gives the same bytes: the document's creation date is the time of issue, its
 * file identifier is taken from the report's digest, and nothing else varies. The document
 * information names the title, subject, issuer as author, producer {@value #PRODUCER}, and, as
 * custom entries, {@code ReportId} and {@code ReportSha256}.
 */
public final class ReportPdf {

  /** The document information's producer. */
  public static final String PRODUCER = "TwinLedger";

  private static final float CHART_HEIGHT = 280;
  private static final int CHART_SCALE = 3;

  private ReportPdf() {}

  /** The report as PDF bytes. */
  public static byte[] write(Report report) {
    String digest = ReportJson.sha256(report);
    try (PDDocument document = new PDDocument()) {
      describe(document, report, digest);
      PdfPages pages = new PdfPages(document, PdfText.styles());
      titleBlock(pages, report, digest);
      figures(pages, report);
      Optional<FigureChart> chart = FigureChart.of(report);
      if (chart.isPresent()) {
        pages.heading("Chart: " + chart.get().title());
        int width = Math.round(pages.width());
        pages.image(
            LosslessFactory.createFromImage(
                document, chart.get().image(width, Math.round(CHART_HEIGHT), CHART_SCALE)),
            width,
            CHART_HEIGHT);
      }
      derivations(pages, report);
      statements(pages, report);
      pages.finish("Report " + report.id() + ", SHA-256 " + digest);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      document.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a PDF to memory failed", e);
    }
  }

  /**
   * The name to save the PDF under: {@code
   * <id>_<type>_<periodStart>_<periodEnd>_<issuer>_sha256-<digest>.pdf}, as {@link
   * ReportCsv#fileName} names the CSV.
   */
  public static String fileName(Report report) {
    return ReportFileName.of(report, "pdf");
  }

  private static void describe(PDDocument document, Report report, String digest) {
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle(report.title());
    info.setSubject(report.subject());
    info.setAuthor(report.issuer());
    info.setProducer(PRODUCER);
    Calendar issued = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    issued.setTime(Date.from(report.issuedAt()));
    info.setCreationDate(issued);
    info.setCustomMetadataValue("ReportId", report.id());
    info.setCustomMetadataValue("ReportSha256", digest);
    // Without an identifier PDFBox makes one from the clock; the digest's first half names the
    // report instead, the same in both places since this is the document's first version.
    byte[] id = HexFormat.of().parseHex(digest.substring(0, 32));
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    document.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  private static void titleBlock(PdfPages pages, Report report, String digest) throws IOException {
    pages.paragraph(report.title(), pages.styles().title());
    pages.space(6);
    pages.field("Report", report.id());
    pages.field("Type", report.type().label());
    pages.field("Subject", report.subject());
    pages.field(
        "Period", "from " + report.periodStart() + " up to, not including, " + report.periodEnd());
    pages.field("Issuer", report.issuer());
    pages.field("Issued at", report.issuedAt().toString());
    pages.field("SHA-256", digest + "\nof the canonical JSON, " + ReportJson.FORMAT);
    if (report.replaces().isPresent()) {
      Report.Replacement replaced = report.replaces().get();
      pages.field(
          "Replaces",
          replaced.reportId()
              + "\nSHA-256 "
              + replaced.sha256()
              + "\nReason: "
              + replaced.reason());
    }
    pages.field("Software", report.provenance().software());
    pages.field("Configuration", "SHA-256 " + report.provenance().configuration());
  }

  private static void figures(PdfPages pages, Report report) throws IOException {
    pages.heading("Figures");
    List<List<String>> rows = new ArrayList<>();
    for (Figure figure : report.figures()) {
      rows.add(List.of(figure.id(), figure.label(), valueAndUnit(figure), figure.formula()));
    }
    pages.table(
        new float[] {0.3f, 0.34f, 0.2f, 0.16f},
        List.of("Figure", "Label", "Value", "Formula"),
        rows);
  }

  private static void derivations(PdfPages pages, Report report) throws IOException {
    pages.heading("Derivations");
    for (Figure figure : report.figures()) {
      pages.subheading(figure.id() + " \u2014 " + figure.label());
      pages.field("Value", valueAndUnit(figure));
      pages.field("Formula", figure.formula());
      pages.field(
          "Parameters",
          figure.parameters().isEmpty()
              ? "none"
              : figure.parameters().entrySet().stream()
                  .map(p -> p.getKey() + " = " + p.getValue())
                  .collect(Collectors.joining("\n")));
      List<List<String>> reads = new ArrayList<>();
      for (String id : figure.inputs()) {
        reads.add(read(report, id));
      }
      if (reads.isEmpty()) {
        pages.field("Reads", "nothing");
      } else {
        pages.table(
            new float[] {0.32f, 0.68f},
            List.of(
                "Reads",
                "Kind and leaf index, address, leaf hash (or block and transaction); or the figure's value"),
            reads);
      }
    }
  }

  /**
   * A row on what a figure reads: an input with its leaf or ledger transaction, or an earlier
   * figure with its value.
   */
  private static List<String> read(Report report, String id) {
    Optional<Input> input = report.input(id);
    if (input.isPresent()) {
      Input i = input.get();
      return List.of(
          id,
          switch (i.evidence()) {
            case Input.AuditLeaf leaf ->
                i.kind().label()
                    + ", leaf "
                    + leaf.index()
                    + "\n"
                    + i.address()
                    + "\n"
                    + leaf.hash();
            case Input.LedgerWrite write ->
                i.kind().label()
                    + ", "
                    + write.channel()
                    + " block "
                    + write.blockNumber()
                    + "\n"
                    + i.address()
                    + "\ntx "
                    + write.txId();
          });
    }
    // Report guarantees every id a figure reads is an input or an earlier figure.
    return List.of(id, "figure: " + valueAndUnit(report.figure(id).orElseThrow()));
  }

  private static void statements(PdfPages pages, Report report) throws IOException {
    if (report.statements().isEmpty()) {
      return;
    }
    pages.heading("Statements");
    for (String statement : report.statements()) {
      pages.paragraph(statement, pages.styles().body());
      pages.space(4);
    }
  }

  private static String valueAndUnit(Figure figure) {
    return figure.unit().isEmpty() ? figure.value() : figure.value() + " " + figure.unit();
  }
}

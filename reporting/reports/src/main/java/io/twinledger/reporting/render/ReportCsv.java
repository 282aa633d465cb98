package io.twinledger.reporting.render;

import io.twinledger.reporting.report.Figure;
import io.twinledger.reporting.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A report's figures as one CSV table, for spreadsheets: a header {@value #HEADER}, then one row
 * per figure in the report's order.
 *
 * <p>The file is UTF-8 without a byte-order mark, RFC 4180: fields with a comma, quote or line
 * break are quoted, quotes doubled, records end in CRLF. Values are the figures' texts as the
 * report states them ({@code 4000.00} stays {@code 4000.00}). {@code parameters} is {@code
 * name=value} pairs in name order joined by {@code ;}, {@code inputs} the ids the figure reads
 * joined by {@code ;}; both are for reading, the canonical JSON is the report. The report's id,
 * type, period, issuer and digest are not in the table but in its {@linkplain #fileName file name},
 * so the table stays one table.
 *
 * <p>A cell a spreadsheet would run as a formula (one starting with {@code =}, {@code +}, {@code
 * -}, {@code @}, a tab or a carriage return) is written with a leading {@code '}, after OWASP's
 * advice on CSV injection; a value that is a plain decimal, such as {@code -12.5}, is a number and
 * is written as it is.
 */
public final class ReportCsv {

  /** The header row. */
  public static final String HEADER = "figure_id,label,value,unit,formula,parameters,inputs";

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setHeader(HEADER.split(",")).get();

  private ReportCsv() {}

  /** The report's figures as CSV bytes. */
  public static byte[] write(Report report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, FORMAT)) {
      for (Figure figure : report.figures()) {
        csv.printRecord(
            List.of(
                    figure.id(),
                    figure.label(),
                    figure.value(),
                    figure.unit(),
                    figure.formula(),
                    parameters(figure),
                    String.join(";", figure.inputs()))
                .stream()
                .map(ReportCsv::inert)
                .toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  /**
   * The name to save the CSV under, with the report's id, type, period, issuer and digest: {@code
   * <id>_<type>_<periodStart>_<periodEnd>_<issuer>_sha256-<digest>.csv}, characters other than
   * ASCII letters, digits, {@code .} and {@code -} replaced by {@code _}.
   */
  public static String fileName(Report report) {
    return ReportFileName.of(report, "csv");
  }

  private static String parameters(Figure figure) {
    return figure.parameters().entrySet().stream()
        .map(p -> p.getKey() + "=" + p.getValue())
        .collect(Collectors.joining(";"));
  }

  /** The cell as a spreadsheet will not run it. */
  private static String inert(String cell) {
    if (cell.isEmpty() || PlainDecimal.is(cell)) {
      return cell;
    }
    return switch (cell.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
      default -> cell;
    };
  }
}

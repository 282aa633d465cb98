package io.twinledger.reporting.render;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Lays blocks out down A4 pages, top to bottom, and starts a new page when the next one does not
 * fit: paragraphs, name–value fields, tables whose header repeats on each page they run onto, and
 * images. Coordinates are PDF points from the page's lower left corner; margins are {@value
 * #MARGIN} points. {@link #finish} closes the last page and numbers them all.
 */
final class PdfPages {

  static final float MARGIN = 50;

  private static final PDRectangle SIZE = PDRectangle.A4;
  private static final float TOP = SIZE.getHeight() - MARGIN;
  private static final float CELL_GAP = 6;
  private static final Color RULE = new Color(0x99, 0x99, 0x99);

  private final PDDocument document;
  private final PdfText.Styles styles;
  private PDPageContentStream content;
  private float y;

  PdfPages(PDDocument document, PdfText.Styles styles) throws IOException {
    this.document = document;
    this.styles = styles;
    newPage();
  }

  PdfText.Styles styles() {
    return styles;
  }

  /** The width between the margins. */
  float width() {
    return SIZE.getWidth() - 2 * MARGIN;
  }

  void space(float points) {
    y -= points;
  }

  /** A section's heading, moved on with the first lines under it rather than left at the foot. */
  void heading(String text) throws IOException {
    heading(text, styles.heading());
  }

  /** A heading in body-sized bold, kept with what follows as {@link #heading} is. */
  void subheading(String text) throws IOException {
    heading(text, styles.bold());
  }

  private void heading(String text, PdfText style) throws IOException {
    List<String> lines = style.lines(text, width());
    room(lines.size() * style.leading() + 4 * styles.body().leading());
    space(style.size() / 2);
    lines(lines, style, MARGIN);
    space(style.size() / 3);
  }

  void paragraph(String text, PdfText style) throws IOException {
    lines(style.lines(text, width()), style, MARGIN);
  }

  /** A field: its name in bold in a narrow column, its value wrapped beside it. */
  void field(String name, String value) throws IOException {
    table(new float[] {0.24f, 0.76f}, List.of(), List.of(List.of(name, value)), styles.bold());
  }

  /**
   * A table: {@code widths} are the columns' shares of the page width; the header, if any, is bold
   * under a rule and repeats on each page the table runs onto. A row is kept on one page when it
   * fits on one.
   */
  void table(float[] widths, List<String> header, List<List<String>> rows) throws IOException {
    table(widths, header, rows, styles.body());
    space(styles.body().leading() / 2);
  }

  void image(PDImageXObject image, float width, float height) throws IOException {
    room(height);
    y -= height;
    content.drawImage(image, MARGIN, y, width, height);
  }

  /** Closes the last page and writes "page n of m" and {@code footer} at the foot of each. */
  void finish(String footer) throws IOException {
    content.close();
    int count = document.getNumberOfPages();
    PdfText style = styles.small();
    for (int i = 0; i < count; i++) {
      PDPage page = document.getPage(i);
      try (PDPageContentStream foot =
          new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true)) {
        String text = style.printable(footer + " \u2014 page " + (i + 1) + " of " + count);
        foot.beginText();
        foot.setFont(style.font(), style.size());
        foot.newLineAtOffset(MARGIN, MARGIN / 2);
        foot.showText(text);
        foot.endText();
      }
    }
  }

  private void table(
      float[] widths, List<String> header, List<List<String>> rows, PdfText firstColumn)
      throws IOException {
    PdfText body = styles.body();
    Cells head = cells(widths, header, styles.bold(), styles.bold());
    float headHeight = header.isEmpty() ? 0 : head.height(styles.bold().leading()) + 2;
    boolean first = true;
    for (List<String> row : rows) {
      Cells cells = cells(widths, row, firstColumn, body);
      float height = cells.height(body.leading());
      // A row taller than a page is split by lines; any other starts on a page it fits on.
      float needed = height + headHeight <= TOP - MARGIN ? height : body.leading();
      if (!fits(needed + (first ? headHeight : 0))) {
        newPage();
        drawHeader(widths, head, header.isEmpty());
      } else if (first) {
        drawHeader(widths, head, header.isEmpty());
      }
      first = false;
      for (int line = 0; line < cells.lineCount(); line++) {
        if (!fits(body.leading())) {
          newPage();
          drawHeader(widths, head, header.isEmpty());
        }
        drawLine(widths, cells, line, firstColumn, body);
        y -= body.leading();
      }
      y -= 2;
    }
  }

  private void drawHeader(float[] widths, Cells head, boolean none) throws IOException {
    if (none) {
      return;
    }
    for (int line = 0; line < head.lineCount(); line++) {
      drawLine(widths, head, line, styles.bold(), styles.bold());
      y -= styles.bold().leading();
    }
    content.setStrokingColor(RULE);
    content.setLineWidth(0.5f);
    content.moveTo(MARGIN, y + 1);
    content.lineTo(MARGIN + width(), y + 1);
    content.stroke();
    y -= 2;
  }

  private void drawLine(float[] widths, Cells cells, int line, PdfText firstColumn, PdfText rest)
      throws IOException {
    float x = MARGIN;
    for (int column = 0; column < widths.length; column++) {
      List<String> lines = cells.lines().get(column);
      if (line < lines.size()) {
        text(lines.get(line), column == 0 ? firstColumn : rest, x);
      }
      x += widths[column] * width();
    }
  }

  /** A row's text, each cell broken into lines of its column's width. */
  private record Cells(List<List<String>> lines) {
    int lineCount() {
      return lines.stream().mapToInt(List::size).max().orElse(0);
    }

    float height(float leading) {
      return lineCount() * leading;
    }
  }

  private Cells cells(float[] widths, List<String> row, PdfText firstColumn, PdfText rest) {
    List<List<String>> lines = new ArrayList<>();
    for (int column = 0; column < row.size(); column++) {
      PdfText style = column == 0 ? firstColumn : rest;
      lines.add(style.lines(row.get(column), widths[column] * width() - CELL_GAP));
    }
    return new Cells(lines);
  }

  private void lines(List<String> lines, PdfText style, float x) throws IOException {
    for (String line : lines) {
      room(style.leading());
      text(line, style, x);
      y -= style.leading();
    }
  }

  /** Writes one line whose top is at {@code y}. */
  private void text(String line, PdfText style, float x) throws IOException {
    if (line.isEmpty()) {
      return;
    }
    content.beginText();
    content.setFont(style.font(), style.size());
    content.newLineAtOffset(x, y - style.size());
    content.showText(line);
    content.endText();
  }

  private boolean fits(float height) {
    return y - height >= MARGIN;
  }

  private void room(float height) throws IOException {
    if (!fits(height)) {
      newPage();
    }
  }

  private void newPage() throws IOException {
    if (content != null) {
      content.close();
    }
    PDPage page = new PDPage(SIZE);
    document.addPage(page);
    content = new PDPageContentStream(document, page);
    y = TOP;
  }
}

package io.twinledger.reporting.render;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A text style of the PDF rendering, and text cut to what it can print. The fonts are standard 14
 * fonts, which every reader has, so nothing is embedded; their WinAnsi encoding holds Latin-1 and a
 * few signs more. A character it cannot encode, such as {@code ≤} or a Chinese character, is
 * printed as {@code ?}; the canonical JSON keeps the text whole. A tab prints as a space and a line
 * break starts a new line.
 *
 * <p>A font belongs to one document (PDFBox keeps the writer's object keys on it), so each document
 * makes its own styles with {@link #styles()}.
 *
 * @param font the font
 * @param size its size in points
 */
record PdfText(PDFont font, float size) {

  /** The styles of one document: Helvetica and Helvetica Bold. */
  record Styles(PdfText body, PdfText bold, PdfText heading, PdfText title, PdfText small) {}

  static Styles styles() {
    PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    return new Styles(
        new PdfText(regular, 9),
        new PdfText(bold, 9),
        new PdfText(bold, 12),
        new PdfText(bold, 16),
        new PdfText(regular, 7));
  }

  /** The height of a line, with the leading. */
  float leading() {
    return size * 1.3f;
  }

  /** The width of {@code text}, printable, in points. */
  float width(String text) {
    try {
      return font.getStringWidth(text) / 1000 * size;
    } catch (IOException e) {
      throw new IllegalStateException("a standard 14 font has no metrics", e);
    }
  }

  /**
   * {@code text} as lines no wider than {@code width}: broken at line breaks, then between words,
   * and inside a word only when the word alone is wider, after a {@code .}, {@code /}, {@code -} or
   * {@code _} where it has one.
   */
  List<String> lines(String text, float width) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : printable(text).split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        String joined = line.isEmpty() ? word : line + " " + word;
        if (width(joined) <= width) {
          line.setLength(0);
          line.append(joined);
          continue;
        }
        if (!line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        for (int i = 0; i < word.length(); i++) {
          if (!line.isEmpty() && width(line.toString() + word.charAt(i)) > width) {
            // Break after the last separator, so an id or address reads in its own parts.
            int cut = lastSeparator(line) + 1;
            String carried = cut > 0 ? line.substring(cut) : "";
            lines.add(line.substring(0, line.length() - carried.length()));
            line.setLength(0);
            line.append(carried);
          }
          line.append(word.charAt(i));
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static int lastSeparator(CharSequence line) {
    for (int i = line.length() - 1; i > 0; i--) {
      if (".-/_".indexOf(line.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code text} with line breaks as {@code \n} and every character the font lacks as {@code ?}.
   */
  String printable(String text) {
    StringBuilder printable = new StringBuilder();
    text.replace("\r\n", "\n")
        .replace('\r', '\n')
        .codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                printable.append('\n');
              } else if (c == '\t') {
                printable.append(' ');
              } else {
                printable.append(encodes(c) ? Character.toString(c) : "?");
              }
            });
    return printable.toString();
  }

  private boolean encodes(int codePoint) {
    if (Character.isISOControl(codePoint)) {
      return false;
    }
    try {
      font.encode(Character.toString(codePoint));
      return true;
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }
}

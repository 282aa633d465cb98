package io.twinledger.twin.bulk;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines as {@link java.io.BufferedReader#readLine} does ({@code \n}, {@code \r} or {@code
 * \r\n} end a line), but keeps at most {@code maxLength} characters of each: the rest of an
 * over-long line is skipped in buffer-sized steps, never held, so a line of 20 MB costs one pass
 * over its bytes and no memory.
 */
final class BoundedLines {

  private final Reader in;
  private final int maxLength;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int end;
  private boolean eof;
  private boolean skipLineFeed;
  private boolean tooLong;

  BoundedLines(Reader in, int maxLength) {
    this.in = in;
    this.maxLength = maxLength;
  }

  /**
   * The next line, without its terminator; only its first {@code maxLength} characters if {@link
   * #tooLong()}. Null at the end of the input.
   */
  String next() throws IOException {
    StringBuilder line = new StringBuilder();
    tooLong = false;
    boolean any = false;
    while (true) {
      if (position >= end) {
        if (eof || !fill()) {
          return any ? line.toString() : null;
        }
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      any = true;
      int start = position;
      while (position < end && buffer[position] != '\n' && buffer[position] != '\r') {
        position++;
      }
      int room = maxLength - line.length();
      int length = position - start;
      if (length > room) {
        tooLong = true;
      }
      line.append(buffer, start, Math.min(length, Math.max(room, 0)));
      if (position < end) {
        skipLineFeed = buffer[position] == '\r';
        position++;
        return line.toString();
      }
    }
  }

  /** Whether the line {@link #next()} returned last was cut at {@code maxLength} characters. */
  boolean tooLong() {
    return tooLong;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n < 0) {
      eof = true;
      return false;
    }
    position = 0;
    end = n;
    return n > 0 || fill();
  }
}

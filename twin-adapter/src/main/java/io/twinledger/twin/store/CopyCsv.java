package io.twinledger.twin.store;

import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.InstantText;
import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.reading.Reading;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams readings into a table with {@code COPY … FROM STDIN (FORMAT csv)}. Rows are encoded
 * straight to UTF-8 and sent in pieces of {@value #PIECE} bytes, so the server parses one piece
 * while the next is encoded, and no batch is ever held as one large string. Text fields are quoted,
 * with quotes doubled; decimals are written plain and instants as {@link InstantText} writes them.
 */
final class CopyCsv {

  private static final int PIECE = 1 << 16;

  private final byte[] endOfRow;
  private byte[] buffer = new byte[PIECE + 4096];
  private int position;

  private CopyCsv(Optional<Long> batchId) {
    this.endOfRow =
        (batchId.map(id -> "," + id).orElse("") + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Copies the readings into {@code tableAndColumns}, whose columns are source, sensor_id,
   * observed_at, asset_id, kpi_id, value, unit, original_value, original_unit and flags, then
   * batch_id when {@code batchId} is given.
   *
   * @throws SQLException as the server reports it, such as a unique violation
   */
  static void copy(
      Connection connection,
      String tableAndColumns,
      Iterable<AssessedReading> readings,
      Optional<Long> batchId)
      throws SQLException {
    CopyIn copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("COPY " + tableAndColumns + " FROM STDIN (FORMAT csv)");
    try {
      CopyCsv rows = new CopyCsv(batchId);
      for (AssessedReading assessed : readings) {
        rows.row(assessed);
        if (rows.position >= PIECE) {
          rows.sendTo(copy);
        }
      }
      rows.sendTo(copy);
      copy.endCopy();
    } finally {
      // A COPY the server refused must be ended, or the connection stays locked in it.
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private void row(AssessedReading assessed) {
    Reading r = assessed.reading();
    quoted(r.source());
    comma();
    quoted(r.sensorId());
    comma();
    ascii(InstantText.format(r.observedAt()));
    comma();
    quoted(r.assetId());
    comma();
    quoted(r.kpiId());
    comma();
    ascii(r.value().toPlainString());
    comma();
    quoted(r.unit());
    comma();
    ascii(r.originalValue().toPlainString());
    comma();
    quoted(r.originalUnit());
    comma();
    flags(assessed.flags());
    raw(endOfRow);
  }

  private void sendTo(CopyIn copy) throws SQLException {
    if (position > 0) {
      copy.writeToCopy(buffer, 0, position);
      position = 0;
    }
  }

  /** {@code "{FLAG,FLAG}"}, sorted, as PostgreSQL reads a text array. */
  private void flags(Set<QualityFlag> flags) {
    if (flags.isEmpty()) {
      ascii("\"{}\"");
      return;
    }
    QualityFlag[] sorted = flags.toArray(QualityFlag[]::new);
    Arrays.sort(sorted);
    ascii("\"{");
    for (int i = 0; i < sorted.length; i++) {
      if (i > 0) {
        comma();
      }
      ascii(sorted[i].name());
    }
    ascii("}\"");
  }

  /**
   * A text field in double quotes, quotes inside doubled. A quote byte never occurs inside a
   * multi-byte UTF-8 sequence, so doubling quote bytes doubles exactly the quote characters.
   */
  private void quoted(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    room(2 + 2 * utf8.length);
    buffer[position++] = '"';
    if (value.indexOf('"') < 0) {
      System.arraycopy(utf8, 0, buffer, position, utf8.length);
      position += utf8.length;
    } else {
      for (byte b : utf8) {
        if (b == '"') {
          buffer[position++] = '"';
        }
        buffer[position++] = b;
      }
    }
    buffer[position++] = '"';
  }

  /** Text known to be ASCII: numbers, instants, flag names. */
  private void ascii(String value) {
    raw(value.getBytes(StandardCharsets.US_ASCII));
  }

  private void comma() {
    room(1);
    buffer[position++] = ',';
  }

  private void raw(byte[] bytes) {
    room(bytes.length);
    System.arraycopy(bytes, 0, buffer, position, bytes.length);
    position += bytes.length;
  }

  private void room(int bytes) {
    if (buffer.length - position < bytes) {
      buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, position + bytes));
    }
  }
}

package io.twinledger.ledger.peer.store;

import io.twinledger.ledger.peer.hash.Digests;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock held for as long as a peer serves a channel. The peer keeps
 * its world state, transaction index and block height in memory, so a second peer of the same
 * channel on the same database (a second service instance, a second test context) would cut blocks
 * with the same numbers and commit against a state it does not see. The lock makes the second one
 * refuse to start; it is released when the peer closes or its process dies.
 */
public final class PeerLock implements AutoCloseable {

  private final Connection connection;
  private final long key;

  /** Another session holds the lock: a peer of the channel already runs on the database. */
  public static final class HeldElsewhere extends IllegalStateException {
    private final String channel;

    HeldElsewhere(String channel) {
      super("Another embedded peer of channel " + channel + " runs on this database; only one may");
      this.channel = channel;
    }

    /** The channel whose peer runs elsewhere. */
    public String channel() {
      return channel;
    }
  }

  private PeerLock(Connection connection, long key) {
    this.connection = connection;
    this.key = key;
  }

  /**
   * Takes the lock of {@code channel}.
   *
   * @throws HeldElsewhere if another session holds it
   * @throws IllegalStateException if the database cannot be reached
   */
  public static PeerLock acquire(DataSource dataSource, String channel) {
    long key = key(channel);
    try {
      Connection connection = dataSource.getConnection();
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        lock.setLong(1, key);
        try (ResultSet rs = lock.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            connection.close();
            throw new HeldElsewhere(channel);
          }
        }
      }
      return new PeerLock(connection, key);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot lock channel " + channel + " for the peer", e);
    }
  }

  @Override
  public void close() {
    try (connection;
        PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, key);
      unlock.execute();
    } catch (SQLException e) {
      // Closing the session releases the lock as well.
    }
  }

  private static long key(String channel) {
    return Digests.sha256("twinledger-peer/" + channel).asReadOnlyByteBuffer().getLong();
  }
}

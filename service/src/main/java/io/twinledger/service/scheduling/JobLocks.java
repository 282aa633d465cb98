package io.twinledger.service.scheduling;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/**
 * Makes a scheduled job run on one service instance at a time when several share the PostgreSQL: a
 * run holds a PostgreSQL session advisory lock named after its job, on a connection of its own, for
 * as long as it runs.
 *
 * <p>An advisory lock belongs to the database session, not to a row or a lease: it is released when
 * the run ends, and also when the instance dies mid-run (PostgreSQL ends the session when the
 * connection drops), so a killed instance never leaves a job locked until a timeout. Locks are
 * taken with the two-key form {@code pg_try_advisory_lock(int, int)}, whose key space PostgreSQL
 * keeps apart from the one-key form the embedded peer's {@code PeerLock} uses.
 */
@Component
public class JobLocks {

  /** The first key of every job lock: {@code 'TLJB'}, so that other advisory locks keep clear. */
  static final int NAMESPACE = 0x544C4A42;

  private static final Logger log = LoggerFactory.getLogger(JobLocks.class);

  private final DataSource dataSource;

  public JobLocks(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A job lock held by this instance; closing it releases it. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Takes the lock of {@code job} unless another session holds it.
   *
   * @param job the job's name; one lock per name across every instance on the database
   * @return the lock, or empty when another instance runs the job now
   * @throws CannotGetJdbcConnectionException when the database cannot be reached
   */
  public Optional<Held> tryLock(String job) {
    int key = job.hashCode();
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new CannotGetJdbcConnectionException("Cannot lock job " + job, e);
    }
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      lock.setInt(1, NAMESPACE);
      lock.setInt(2, key);
      try (ResultSet rs = lock.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1)) {
          return Optional.of(() -> release(connection, job, key));
        }
      }
    } catch (SQLException e) {
      close(connection);
      throw new CannotGetJdbcConnectionException("Cannot lock job " + job, e);
    }
    close(connection);
    return Optional.empty();
  }

  /**
   * Unlocks and hands the connection back. When the unlock fails, the connection is evicted from
   * the pool rather than returned: a pooled session still holding the lock would keep the job from
   * running anywhere.
   */
  private void release(Connection connection, String job, int key) {
    try (PreparedStatement unlock =
        connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
      unlock.setInt(1, NAMESPACE);
      unlock.setInt(2, key);
      unlock.execute();
    } catch (SQLException e) {
      log.warn("Cannot unlock job {}; closing its connection instead", job, e);
      evict(connection);
    } finally {
      close(connection);
    }
  }

  private void evict(Connection connection) {
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
      }
    } catch (SQLException e) {
      // Not a pool: closing the connection ends its session.
    }
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Nothing held on it any more.
    }
  }
}

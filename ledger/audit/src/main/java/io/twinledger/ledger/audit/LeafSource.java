package io.twinledger.ledger.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Supplies the leaves of one append from inside the log's locked transaction, so that a feed can
 * read what it has not appended yet and note its new position in the same transaction as the
 * leaves: a crash then neither loses nor repeats a leaf.
 */
@FunctionalInterface
public interface LeafSource {

  /**
   * The leaves to append, in order; empty for none.
   *
   * @param locked the connection of the append's transaction, which holds the log's lock; do not
   *     commit, roll back or close it
   */
  List<? extends AuditLeaf> next(Connection locked) throws SQLException;
}

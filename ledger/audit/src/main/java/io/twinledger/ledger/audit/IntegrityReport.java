package io.twinledger.ledger.audit;

import java.util.List;

/**
 * What an {@link IntegrityCheck} of a log found.
 *
 * @param logId the log checked
 * @param treeSize its size when the check began
 * @param leavesChecked leaves whose data was hashed again
 * @param nodesChecked stored nodes compared with their recomputed hash
 * @param checkpointsChecked checkpoints whose root and signature were checked
 * @param defects everything found wrong, leaves first, then nodes, then checkpoints
 */
public record IntegrityReport(
    String logId,
    long treeSize,
    long leavesChecked,
    long nodesChecked,
    int checkpointsChecked,
    List<Defect> defects) {

  public IntegrityReport {
    defects = List.copyOf(defects);
  }

  /** Whether nothing was found wrong. */
  public boolean intact() {
    return defects.isEmpty();
  }
}

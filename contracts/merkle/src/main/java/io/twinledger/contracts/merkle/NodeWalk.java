package io.twinledger.contracts.merkle;

/**
 * The index arithmetic both RFC 9162 verifiers share (sections 2.1.3.2 and 2.1.4.2): {@code fn},
 * the node being climbed from, and {@code sn}, the last node of its level, shifted right in step as
 * the walk goes up the tree. Where a step goes depends on these indices alone, never on hashes,
 * which is what lets the verifiers check a proof's length before hashing anything.
 */
final class NodeWalk {

  private long fn;
  private long sn;

  NodeWalk(long fn, long sn) {
    this.fn = fn;
    this.sn = sn;
  }

  /** Whether the proof hash at this step is the left sibling of the node climbed from. */
  boolean siblingOnLeft() {
    return (fn & 1) == 1 || fn == sn;
  }

  /**
   * One step of the walk, after hashing: when the sibling was on the left but the node was a left
   * child (the right edge of a smaller level), first climb while it stays a left child.
   */
  void step() {
    if ((fn & 1) == 0 && fn == sn) {
      while ((fn & 1) == 0 && fn != 0) {
        up();
      }
    }
    up();
  }

  /** Climbs while the node is a right child: the levels a consistency proof starts above. */
  void skipRightChildren() {
    while ((fn & 1) == 1) {
      up();
    }
  }

  /** Whether the walk has reached the root's level. */
  boolean done() {
    return sn == 0;
  }

  /** The steps left until the root's level, without moving this walk. */
  int stepsLeft() {
    NodeWalk copy = new NodeWalk(fn, sn);
    int steps = 0;
    while (!copy.done()) {
      copy.step();
      steps++;
    }
    return steps;
  }

  private void up() {
    fn >>= 1;
    sn >>= 1;
  }
}

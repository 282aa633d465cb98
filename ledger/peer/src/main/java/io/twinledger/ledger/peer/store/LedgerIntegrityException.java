package io.twinledger.ledger.peer.store;

import java.util.List;
import java.util.stream.Collectors;

/** The stored ledger failed its start-up check; the peer refuses to start on it. */
public final class LedgerIntegrityException extends RuntimeException {

  private static final int LISTED = 20;

  private final String channel;
  private final List<ChainDefect> defects;

  /** Creates the failure of {@code channel}'s ledger, listing the defects. */
  public LedgerIntegrityException(String channel, List<ChainDefect> defects) {
    super(message(channel, defects));
    this.channel = channel;
    this.defects = List.copyOf(defects);
  }

  /** The channel whose stored ledger failed the check. */
  public String channel() {
    return channel;
  }

  /** Everything found wrong. */
  public List<ChainDefect> defects() {
    return defects;
  }

  private static String message(String channel, List<ChainDefect> defects) {
    String listed =
        defects.stream()
            .limit(LISTED)
            .map(d -> "  - " + d.description())
            .collect(Collectors.joining("\n"));
    String more =
        defects.size() > LISTED ? "\n  ... and " + (defects.size() - LISTED) + " more" : "";
    return "The stored ledger of channel '"
        + channel
        + "' failed its start-up check ("
        + defects.size()
        + " defect"
        + (defects.size() == 1 ? "" : "s")
        + "):\n"
        + listed
        + more;
  }
}

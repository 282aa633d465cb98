package io.twinledger.reporting.evidence;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.block.BlockHashes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * The headers of consecutive blocks, from the first a bundle carries to its anchoring block, each
 * header's previous hash the hash of the one before (Fabric's DER header hash), and the first
 * linked to what the verifier trusts: block 0 itself when no block is trusted, else the {@link
 * TrustedBlock}, whose header hash must be the first header's previous hash or the hash of a header
 * in the chain.
 *
 * @param headers consecutive, ascending; the last is the anchoring block's
 */
public record HeaderChain(List<BlockHeader> headers) {

  private static final HexFormat HEX = HexFormat.of();

  public HeaderChain {
    headers = List.copyOf(headers);
  }

  /** How linking a bundle's headers came out. */
  public sealed interface Linking {}

  /**
   * The chain links the anchoring block to what is trusted.
   *
   * @param said one line: what it links back to
   */
  public record Linked(HeaderChain chain, String said) implements Linking {}

  /**
   * It does not.
   *
   * @param malformed whether a header is unreadable rather than wrong
   * @param reason one line
   */
  public record Unlinked(boolean malformed, String reason) implements Linking {}

  /** Links {@code block}, the anchoring block, through {@code anchor}'s headers. */
  public static Linking link(
      Block block, EvidenceBundle.Anchor anchor, Optional<TrustedBlock> trusted) {
    BlockHeader header = block.getHeader();
    if (header.getNumber() != anchor.blockNumber()) {
      return new Unlinked(false, "the bundle's block is block " + header.getNumber());
    }
    if (!BlockHashes.dataHash(block.getData()).equals(header.getDataHash())) {
      return new Unlinked(
          false, "data hash mismatch — its transactions do not hash to the header's data hash");
    }
    List<EvidenceBundle.BlockHeader> given = anchor.headers();
    long from = given.isEmpty() ? anchor.blockNumber() : given.getFirst().number();
    if (trusted.isEmpty() && given.size() != anchor.blockNumber()) {
      return new Unlinked(
          false,
          "the bundle holds "
              + given.size()
              + " headers, not the "
              + anchor.blockNumber()
              + " of blocks 0 to "
              + (anchor.blockNumber() - 1)
              + (from > 0 ? " (a bundle from block " + from + " needs a trusted block)" : ""));
    }
    List<BlockHeader> chain = new ArrayList<>();
    try {
      for (EvidenceBundle.BlockHeader h : given) {
        chain.add(
            BlockHeader.newBuilder()
                .setNumber(h.number())
                .setPreviousHash(ByteString.copyFrom(HEX.parseHex(h.previousHash())))
                .setDataHash(ByteString.copyFrom(HEX.parseHex(h.dataHash())))
                .build());
      }
    } catch (IllegalArgumentException e) {
      return new Unlinked(true, "a block header holds a value that is not hex");
    }
    chain.add(header);
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).getNumber() != from + i) {
        return new Unlinked(
            false,
            "header "
                + i
                + " of the chain is numbered "
                + chain.get(i).getNumber()
                + ", not "
                + (from + i));
      }
      if (i > 0
          && !chain.get(i).getPreviousHash().equals(BlockHashes.headerHash(chain.get(i - 1)))) {
        return new Unlinked(
            false,
            "broken chain — block "
                + (from + i)
                + "'s previous hash is not the hash of block "
                + (from + i - 1)
                + "'s header");
      }
    }
    if (trusted.isEmpty()) {
      return new Linked(
          new HeaderChain(chain),
          "data hash ok; header chain links back to block 0 (header hash "
              + hex(BlockHashes.headerHash(chain.getFirst()))
              + ")");
    }
    TrustedBlock t = trusted.get();
    if (t.number() > anchor.blockNumber() || t.number() < from - 1) {
      return new Unlinked(
          false,
          "the bundle's headers cover blocks "
              + from
              + " to "
              + anchor.blockNumber()
              + ", which cannot link back to trusted block "
              + t.number());
    }
    ByteString hash =
        t.number() == from - 1
            ? chain.getFirst().getPreviousHash()
            : BlockHashes.headerHash(chain.get((int) (t.number() - from)));
    if (!hex(hash).equals(t.headerHash())) {
      return new Unlinked(
          false,
          "header chain does not link back to trusted block "
              + t.number()
              + ": it gives header hash "
              + hex(hash)
              + ", trusted "
              + t.headerHash());
    }
    return new Linked(
        new HeaderChain(chain),
        "data hash ok; header chain links back to trusted block "
            + t.number()
            + " (header hash "
            + t.headerHash()
            + ")");
  }

  /** Why {@code block} is not one of this chain's blocks, if it is not. */
  public Optional<String> lacks(Block block) {
    BlockHeader header = block.getHeader();
    long number = header.getNumber();
    if (!BlockHashes.dataHash(block.getData()).equals(header.getDataHash())) {
      return Optional.of(
          "block "
              + number
              + ": data hash mismatch — its transactions do not hash to the header's data hash");
    }
    long from = headers.getFirst().getNumber();
    long to = headers.getLast().getNumber();
    if (number < from || number > to) {
      return Optional.of(
          "block " + number + " is not among the bundle's linked blocks " + from + " to " + to);
    }
    if (!BlockHashes.headerHash(header)
        .equals(BlockHashes.headerHash(headers.get((int) (number - from))))) {
      return Optional.of("block " + number + "'s header is not the one the chain links");
    }
    return Optional.empty();
  }

  private static String hex(ByteString bytes) {
    return HEX.formatHex(bytes.toByteArray());
  }
}

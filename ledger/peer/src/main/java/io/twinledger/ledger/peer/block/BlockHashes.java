package io.twinledger.ledger.peer.block;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.hash.Digests;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

/**
 * Block hashes exactly as Fabric's {@code protoutil} computes them.
 *
 * <ul>
 *   <li>Header bytes ({@code BlockHeaderBytes}): the ASN.1 DER encoding of {@code SEQUENCE {
 *       INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }}.
 *   <li>Header hash ({@code BlockHeaderHash}): SHA-256 of the header bytes. The next block's {@code
 *       previous_hash} is this hash.
 *   <li>Data hash ({@code BlockDataHash}, Fabric 2.x): SHA-256 of the concatenated envelope bytes.
 * </ul>
 */
public final class BlockHashes {

  private BlockHashes() {}

  /** The DER-encoded header Fabric hashes. */
  public static byte[] headerBytes(BlockHeader header) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeTlv(body, 0x02, BigInteger.valueOf(header.getNumber()).toByteArray());
    writeTlv(body, 0x04, header.getPreviousHash().toByteArray());
    writeTlv(body, 0x04, header.getDataHash().toByteArray());
    ByteArrayOutputStream sequence = new ByteArrayOutputStream();
    writeTlv(sequence, 0x30, body.toByteArray());
    return sequence.toByteArray();
  }

  /** SHA-256 of the header bytes. */
  public static ByteString headerHash(BlockHeader header) {
    return Digests.sha256(headerBytes(header));
  }

  /** SHA-256 of the concatenated data entries. */
  public static ByteString dataHash(BlockData data) {
    return Digests.sha256(data.getDataList());
  }

  private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] value) {
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      byte[] octets = BigInteger.valueOf(length).toByteArray();
      int skip = octets[0] == 0 ? 1 : 0;
      out.write(0x80 | (octets.length - skip));
      out.write(octets, skip, octets.length - skip);
    }
    out.writeBytes(value);
  }
}

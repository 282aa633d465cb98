package io.twinledger.ledger.peer.block;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.security.MessageDigest;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The header encoding matches an independent DER encoder (BouncyCastle), as Go's asn1 does. */
class BlockHashesTest {

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 127, 128, 255, 256, 65_535, 1L << 40, Long.MAX_VALUE})
  void headerBytesAreTheDerSequenceOfNumberPreviousHashAndDataHash(long number) throws Exception {
    byte[] previous = new byte[number % 2 == 0 ? 32 : 0];
    byte[] data = new byte[200];
    previous = fill(previous, 7);
    data = fill(data, 3);
    BlockHeader header =
        BlockHeader.newBuilder()
            .setNumber(number)
            .setPreviousHash(ByteString.copyFrom(previous))
            .setDataHash(ByteString.copyFrom(data))
            .build();

    byte[] expected =
        new DERSequence(
                new org.bouncycastle.asn1.ASN1Encodable[] {
                  new ASN1Integer(BigInteger.valueOf(number)),
                  new DEROctetString(previous),
                  new DEROctetString(data)
                })
            .getEncoded();

    assertThat(BlockHashes.headerBytes(header)).isEqualTo(expected);
    assertThat(BlockHashes.headerHash(header).toByteArray())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void dataHashIsTheHashOfTheConcatenatedEntries(int entries) throws Exception {
    BlockData.Builder data = BlockData.newBuilder();
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < entries; i++) {
      byte[] entry = fill(new byte[10 + i], i);
      data.addData(ByteString.copyFrom(entry));
      digest.update(entry);
    }

    assertThat(BlockHashes.dataHash(data.build()).toByteArray()).isEqualTo(digest.digest());
  }

  private static byte[] fill(byte[] bytes, int seed) {
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (seed * 31 + i);
    }
    return bytes;
  }
}

package io.twinledger.ledger.peer.chaincode;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/** A key and its committed value, as range queries return them to chaincode. */
record StateEntry(String key, ByteString value) implements KeyValue {

  @Override
  public String getKey() {
    return key;
  }

  @Override
  public byte[] getValue() {
    return value.toByteArray();
  }

  @Override
  public String getStringValue() {
    return value.toStringUtf8();
  }
}

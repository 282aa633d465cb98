package io.twinledger.contracts.token;

import java.util.regex.Pattern;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * Where the {@code twinledger-bonds} chaincode keeps its state. {@link TokenContract} and {@code
 * BondRegistryContract} share the chaincode's namespace, so a payout reads the token's record-date
 * snapshot directly; this is the one place both take the layout from. Every key is a shim composite
 * key ({@code U+0000 type U+0000 attribute U+0000 …}), so the keys of one token (or bond) are found
 * by a partial composite key query:
 *
 * <ul>
 *   <li>{@code token~<tokenId>}: the {@link Token};
 *   <li>{@code account~<tokenId>~<holder>}: the holder's {@link Account} (present = registered);
 *   <li>{@code issuance~<tokenId>~<issuanceId>}: a mint, for its idempotency;
 *   <li>{@code snapshot~<tokenId>~<paymentId>}: the {@link TokenSnapshot} of a payment's record
 *       date;
 *   <li>{@code bond~<bondId>}, {@code determination~<bondId>~<determinationId>}, {@code
 *       payout~<bondId>~<paymentId>}: the bond registry's records;
 *   <li>{@code cash~<currency>~<holder>}: a holder's cash balance, minor units;
 *   <li>{@code issuercash~<currency>~<mspId>}: the cash an issuer funded for its payouts.
 * </ul>
 */
public final class TokenKeys {

  /**
   * The ids that may appear in a key: token, bond, holder, issuance, payment and determination ids.
   * Printable ASCII without spaces and {@code ~}, so they sort the same by UTF-8 bytes (the peer's
   * range order) as by {@link String#compareTo} (the allocation's tie order).
   */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@+-]{1,128}");

  private TokenKeys() {}

  /** Whether {@code id} may be a token, bond, holder or payment id. */
  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public static String token(ChaincodeStub stub, String tokenId) {
    return stub.createCompositeKey("token", tokenId).toString();
  }

  public static String account(ChaincodeStub stub, String tokenId, String holder) {
    return stub.createCompositeKey("account", tokenId, holder).toString();
  }

  /** The partial key of every account of {@code tokenId}. */
  public static CompositeKey accounts(ChaincodeStub stub, String tokenId) {
    return stub.createCompositeKey("account", tokenId);
  }

  public static String issuance(ChaincodeStub stub, String tokenId, String issuanceId) {
    return stub.createCompositeKey("issuance", tokenId, issuanceId).toString();
  }

  /** The partial key of every issuance of {@code tokenId}. */
  public static CompositeKey issuances(ChaincodeStub stub, String tokenId) {
    return stub.createCompositeKey("issuance", tokenId);
  }

  public static String snapshot(ChaincodeStub stub, String tokenId, String paymentId) {
    return stub.createCompositeKey("snapshot", tokenId, paymentId).toString();
  }

  public static String bond(ChaincodeStub stub, String bondId) {
    return stub.createCompositeKey("bond", bondId).toString();
  }

  public static String determination(ChaincodeStub stub, String bondId, String determinationId) {
    return stub.createCompositeKey("determination", bondId, determinationId).toString();
  }

  public static String payout(ChaincodeStub stub, String bondId, String paymentId) {
    return stub.createCompositeKey("payout", bondId, paymentId).toString();
  }

  /** The partial key of every payout of {@code bondId}. */
  public static CompositeKey payouts(ChaincodeStub stub, String bondId) {
    return stub.createCompositeKey("payout", bondId);
  }

  public static String cash(ChaincodeStub stub, String currency, String holder) {
    return stub.createCompositeKey("cash", currency, holder).toString();
  }

  public static String issuerCash(ChaincodeStub stub, String currency, String mspId) {
    return stub.createCompositeKey("issuercash", currency, mspId).toString();
  }
}

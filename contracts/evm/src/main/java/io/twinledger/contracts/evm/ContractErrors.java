package io.twinledger.contracts.evm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Decodes revert data into the custom errors the three contracts declare. All their arguments are
 * static ABI types, one 32-byte word each, so no general ABI decoder is needed.
 */
final class ContractErrors {

  /** Every custom error of BondToken, CashToken and BondDistribution. */
  private static final List<String> SIGNATURES =
      List.of(
          "NotAgent(address)",
          "TransferRefused(uint8)",
          "HolderIdInvalid(address)",
          "HolderIdTaken(bytes32,address)",
          "LengthMismatch(uint256,uint256)",
          "BlockNotYetMined(uint256,uint256)",
          "AllowanceExceeded(address,uint256,uint256)",
          "NotIssuer(address)",
          "InsufficientBalance(address,uint256,uint256)",
          "RecordDateNotSet(bytes32)",
          "AlreadyDeclared(bytes32)",
          "NotDeclared(bytes32)",
          "AlreadyClosed(bytes32)",
          "NoUnits(bytes32)",
          "Overpaid(bytes32,address,uint256,uint256)",
          "HoldersUnpaid(bytes32,uint256,uint256)",
          "AmountMismatch(bytes32,uint256,uint256)");

  private static final Map<String, String> BY_SELECTOR = new HashMap<>();

  static {
    for (String signature : SIGNATURES) {
      BY_SELECTOR.put(Hash.sha3String(signature).substring(0, 10), signature);
    }
  }

  private ContractErrors() {}

  /** The revert for {@code data} (hex), or empty if it is no error the contracts declare. */
  static Optional<ContractRevert> decode(String data, String detail) {
    if (data == null || data.length() < 10) {
      return Optional.empty();
    }
    String signature = BY_SELECTOR.get(data.substring(0, 10).toLowerCase(Locale.ROOT));
    if (signature == null) {
      return Optional.empty();
    }
    String name = signature.substring(0, signature.indexOf('('));
    String types = signature.substring(name.length() + 1, signature.length() - 1);
    List<String> arguments = new ArrayList<>();
    String words = data.substring(10);
    int i = 0;
    for (String type : types.split(",")) {
      String word = words.substring(i * 64, (i + 1) * 64);
      arguments.add(
          switch (type) {
            case "address" -> "0x" + word.substring(24);
            case "bytes32" -> "0x" + word;
            default -> new BigInteger(word, 16).toString();
          });
      i++;
    }
    return Optional.of(new ContractRevert(name, arguments, detail));
  }
}

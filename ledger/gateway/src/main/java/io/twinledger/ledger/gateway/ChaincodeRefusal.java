package io.twinledger.ledger.gateway;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.GatewayException;

/**
 * A chaincode's refusal as the Fabric gateway passes it on: our contracts throw {@code
 * ChaincodeException("CODE: message", "CODE")} (the fabric-samples idiom), and the peer reports it
 * in an error detail as {@code chaincode response 500, CODE: message}.
 *
 * @param code the contract's error code, such as {@code SLOT_CLOSED}
 * @param message what the contract said, without the code
 */
public record ChaincodeRefusal(String code, String message) {

  private static final Pattern REFUSAL =
      Pattern.compile("([A-Z][A-Z_]+[A-Z]): (.*)", Pattern.DOTALL);

  /** The refusal in {@code e}'s details, if a chaincode refused; empty for any other failure. */
  public static Optional<ChaincodeRefusal> in(GatewayException e) {
    for (var detail : e.getDetails()) {
      String text = detail.getMessage();
      int response = text.indexOf("chaincode response");
      int comma = text.indexOf(", ", response);
      if (response >= 0 && comma > 0) {
        Matcher refusal = REFUSAL.matcher(text.substring(comma + 2));
        if (refusal.matches()) {
          return Optional.of(new ChaincodeRefusal(refusal.group(1), refusal.group(2)));
        }
      }
    }
    return Optional.empty();
  }

  /** The gateway's message with the endorsing peers' details, for errors that are no refusal. */
  public static String describe(GatewayException e) {
    String details =
        e.getDetails().stream()
            .map(d -> d.getMspId() + ": " + d.getMessage())
            .collect(Collectors.joining("; "));
    return details.isEmpty() ? e.getMessage() : e.getMessage() + " (" + details + ")";
  }
}

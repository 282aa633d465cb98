package io.twinledger.contracts.token;

import io.twinledger.contracts.ContractDescription;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The token contract. Only its description is built; later issues add the functions its {@link
 * Info} announces.
 */
@Contract(
    name = "TokenContract",
    info =
        @Info(
            title = "TwinLedger token",
            description =
                "Holdings of bond tokens by investor. Planned: issuance, transfers and balances.",
            version = "0.1.0",
            license = @License(name = "Apache-2.0")))
public final class TokenContract implements ContractInterface {

  /** What this contract is and which functions it has. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public ContractDescription Describe(Context ctx) {
    return ContractDescription.of(getClass());
  }
}

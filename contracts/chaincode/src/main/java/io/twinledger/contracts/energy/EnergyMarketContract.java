package io.twinledger.contracts.energy;

import io.twinledger.contracts.ContractDescription;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The solar trading contract. Only its description is built; later issues add the functions its
 * {@link Info} announces.
 */
@Contract(
    name = "EnergyMarketContract",
    info =
        @Info(
            title = "TwinLedger energy market",
            description =
                "Peer-to-peer trades of surplus rooftop solar between residents of one village. Planned: offers, matching and settlement.",
            version = "0.1.0",
            license = @License(name = "Apache-2.0")))
public final class EnergyMarketContract implements ContractInterface {

  /** What this contract is and which functions it has. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public ContractDescription Describe(Context ctx) {
    return ContractDescription.of(getClass());
  }
}

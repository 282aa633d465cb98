package io.twinledger.contracts.chaincode;

import io.twinledger.contracts.ContractDescription;
import io.twinledger.contracts.audit.AnchoredCheckpoint;
import io.twinledger.contracts.audit.AuditAnchorContract;
import io.twinledger.contracts.bond.BondRegistryContract;
import io.twinledger.contracts.energy.EnergyMarketContract;
import io.twinledger.contracts.token.TokenContract;
import java.util.List;
import org.hyperledger.fabric.contract.ContractInterface;

/**
 * What the TwinLedger chaincode package holds, named rather than found by a class-path scan: an
 * embedded peer runs exactly these, while the chaincode-as-a-service process ({@code
 * ContractRouter}) finds the same classes by their annotations.
 */
public final class TwinLedgerChaincode {

  /** Every contract of the package. */
  public static final List<Class<? extends ContractInterface>> CONTRACTS =
      List.of(
          AuditAnchorContract.class,
          BondRegistryContract.class,
          EnergyMarketContract.class,
          TokenContract.class);

  /** Every {@code @DataType} the contracts take or return. */
  public static final List<Class<?>> DATA_TYPES =
      List.of(AnchoredCheckpoint.class, ContractDescription.class);

  private TwinLedgerChaincode() {}
}

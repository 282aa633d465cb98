package io.twinledger.contracts.chaincode;

import io.twinledger.contracts.ContractDescription;
import io.twinledger.contracts.audit.AnchoredCheckpoint;
import io.twinledger.contracts.audit.AuditAnchorContract;
import io.twinledger.contracts.bond.Bond;
import io.twinledger.contracts.bond.BondPayout;
import io.twinledger.contracts.bond.BondRegistryContract;
import io.twinledger.contracts.bond.CashAccount;
import io.twinledger.contracts.bond.Determination;
import io.twinledger.contracts.bond.HolderPayout;
import io.twinledger.contracts.energy.Battery;
import io.twinledger.contracts.energy.EnergyMarketContract;
import io.twinledger.contracts.energy.Household;
import io.twinledger.contracts.energy.HouseholdOrder;
import io.twinledger.contracts.energy.HouseholdSlot;
import io.twinledger.contracts.energy.MarketConfig;
import io.twinledger.contracts.energy.MeterReading;
import io.twinledger.contracts.energy.OrderBatch;
import io.twinledger.contracts.energy.PriceOverride;
import io.twinledger.contracts.energy.SkippedOrder;
import io.twinledger.contracts.energy.SlotAccount;
import io.twinledger.contracts.energy.SlotClearing;
import io.twinledger.contracts.energy.SlotReadings;
import io.twinledger.contracts.energy.SlotTrade;
import io.twinledger.contracts.report.Attestation;
import io.twinledger.contracts.report.IssuedReport;
import io.twinledger.contracts.report.ReportContract;
import io.twinledger.contracts.token.Account;
import io.twinledger.contracts.token.BalanceChange;
import io.twinledger.contracts.token.HolderUnits;
import io.twinledger.contracts.token.Issuance;
import io.twinledger.contracts.token.Token;
import io.twinledger.contracts.token.TokenContract;
import io.twinledger.contracts.token.TokenSnapshot;
import io.twinledger.contracts.token.TransferCheck;
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
          ReportContract.class,
          TokenContract.class);

  /** Every {@code @DataType} the contracts take or return. */
  public static final List<Class<?>> DATA_TYPES =
      List.of(
          AnchoredCheckpoint.class,
          ContractDescription.class,
          Account.class,
          BalanceChange.class,
          HolderUnits.class,
          Issuance.class,
          Token.class,
          TokenSnapshot.class,
          TransferCheck.class,
          Bond.class,
          BondPayout.class,
          CashAccount.class,
          Determination.class,
          HolderPayout.class,
          Battery.class,
          Household.class,
          HouseholdOrder.class,
          HouseholdSlot.class,
          MarketConfig.class,
          MeterReading.class,
          OrderBatch.class,
          PriceOverride.class,
          SkippedOrder.class,
          SlotAccount.class,
          SlotClearing.class,
          SlotReadings.class,
          SlotTrade.class,
          Attestation.class,
          IssuedReport.class);

  private TwinLedgerChaincode() {}
}

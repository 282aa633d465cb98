package io.twinledger.contracts.evm;

import static io.twinledger.contracts.evm.Abi.addresses;
import static io.twinledger.contracts.evm.Abi.function;
import static io.twinledger.contracts.evm.Abi.number;
import static io.twinledger.contracts.evm.Abi.uint;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * {@code BondDistribution.sol} through web3j: record date, declaration with the allocation's cut,
 * batched payment and the closing check. A payment id of the books is keyed on chain by the
 * Keccak-256 of its UTF-8 text ({@link #paymentKey}).
 */
public final class BondDistributionContract {

  /** The state of one payment, as {@code paymentOf} returns it. */
  public record PaymentState(
      long recordBlock,
      boolean recorded,
      boolean declared,
      boolean closed,
      BigInteger amount,
      BigInteger totalUnits,
      BigInteger thresholdRemainder,
      String thresholdHolder,
      BigInteger paidAmount,
      BigInteger paidUnits,
      long paidHolders) {}

  /** One {@code Paid} event: a holder paid its share, in the transaction {@code transaction}. */
  public record PaidEvent(
      String holderAddress,
      String holder,
      BigInteger units,
      BigInteger amount,
      String transaction,
      long block) {}

  /** The transaction that closed a payment. */
  public record ClosedEvent(String transaction, long block) {}

  private static final Event PAID =
      new Event(
          "Paid",
          List.of(
              new TypeReference<Bytes32>(true) {},
              new TypeReference<Address>(true) {},
              new TypeReference<Bytes32>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {}));
  private static final Event CLOSED =
      new Event(
          "Closed",
          List.of(
              new TypeReference<Bytes32>(true) {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {}));

  private final EvmClient client;
  private final String address;

  public BondDistributionContract(EvmClient client, String address) {
    this.client = client;
    this.address = address;
  }

  /** Deploys a distribution for {@code token} paying in {@code cash}, agent {@code client}. */
  public static BondDistributionContract deploy(EvmClient client, String token, String cash) {
    return new BondDistributionContract(
        client,
        client.deploy(
            EvmArtifact.BOND_DISTRIBUTION, List.of(new Address(token), new Address(cash))));
  }

  /** The on-chain key of payment id {@code paymentId}: Keccak-256 of its UTF-8 bytes. */
  public static Bytes32 paymentKey(String paymentId) {
    return new Bytes32(Hash.sha3(paymentId.getBytes(StandardCharsets.UTF_8)));
  }

  public String address() {
    return address;
  }

  public TransactionReceipt recordDate(String paymentId) {
    return client.send(address, function("recordDate", paymentKey(paymentId)));
  }

  public TransactionReceipt declare(
      String paymentId, BigInteger amount, BigInteger thresholdRemainder, Bytes32 thresholdHolder) {
    return client.send(
        address,
        function(
            "declare",
            paymentKey(paymentId),
            uint(amount),
            uint(thresholdRemainder),
            thresholdHolder));
  }

  public TransactionReceipt payBatch(String paymentId, List<String> holders) {
    return client.send(address, function("payBatch", paymentKey(paymentId), addresses(holders)));
  }

  public TransactionReceipt close(String paymentId) {
    return client.send(address, function("close", paymentKey(paymentId)));
  }

  public boolean paid(String paymentId, String holder) {
    return (Boolean)
        client
            .call(
                address,
                function(
                    "paid",
                    List.of(paymentKey(paymentId), new Address(holder)),
                    List.of(new TypeReference<Bool>() {})))
            .getFirst()
            .getValue();
  }

  public PaymentState payment(String paymentId) {
    List<Type> out =
        client.call(
            address,
            function(
                "paymentOf",
                List.of(paymentKey(paymentId)),
                List.of(
                    new TypeReference<Uint64>() {},
                    new TypeReference<Bool>() {},
                    new TypeReference<Bool>() {},
                    new TypeReference<Bool>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Bytes32>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint256>() {})));
    return new PaymentState(
        number(out.get(0)).longValueExact(),
        (Boolean) out.get(1).getValue(),
        (Boolean) out.get(2).getValue(),
        (Boolean) out.get(3).getValue(),
        number(out.get(4)),
        number(out.get(5)),
        number(out.get(6)),
        HolderId.decode((byte[]) out.get(7).getValue()),
        number(out.get(8)),
        number(out.get(9)),
        number(out.get(10)).longValueExact());
  }

  /** The {@code Paid} events of {@code paymentId}, from block {@code fromBlock} on. */
  public List<PaidEvent> paidEvents(String paymentId, long fromBlock) {
    return client.logs(address, fromBlock, EventEncoder.encode(PAID), topic(paymentId)).stream()
        .map(BondDistributionContract::paid)
        .toList();
  }

  /** The {@code Closed} event of {@code paymentId}, if it was closed. */
  public Optional<ClosedEvent> closedEvent(String paymentId, long fromBlock) {
    return client.logs(address, fromBlock, EventEncoder.encode(CLOSED), topic(paymentId)).stream()
        .findFirst()
        .map(
            log ->
                new ClosedEvent(log.getTransactionHash(), log.getBlockNumber().longValueExact()));
  }

  private static String topic(String paymentId) {
    return Numeric.toHexString(paymentKey(paymentId).getValue());
  }

  @SuppressWarnings("rawtypes")
  private static PaidEvent paid(Log log) {
    List<Type> data = FunctionReturnDecoder.decode(log.getData(), PAID.getNonIndexedParameters());
    String holderAddress = "0x" + log.getTopics().get(2).substring(26);
    return new PaidEvent(
        holderAddress,
        HolderId.decode((byte[]) data.get(0).getValue()),
        number(data.get(1)),
        number(data.get(2)),
        log.getTransactionHash(),
        log.getBlockNumber().longValueExact());
  }
}

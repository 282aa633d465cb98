package io.twinledger.contracts.evm;

import static io.twinledger.contracts.evm.Abi.addresses;
import static io.twinledger.contracts.evm.Abi.function;
import static io.twinledger.contracts.evm.Abi.number;
import static io.twinledger.contracts.evm.Abi.uint;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * {@code BondToken.sol} through web3j: the permissioned bond token with its holder registry,
 * freeze, pause, agent operations and balance checkpoints by block. Holder ids travel as {@link
 * HolderId} words.
 */
public final class BondTokenContract {

  /**
   * {@code canTransfer} reasons by the contract's number (0 is OK), as the codes the Fabric token
   * uses ({@code TokenError}), so a caller handles one set whichever chain refused.
   */
  public static final List<String> REASONS =
      List.of(
          "OK",
          "TOKEN_PAUSED",
          "HOLDER_NOT_REGISTERED",
          "HOLDER_NOT_REGISTERED",
          "HOLDER_FROZEN",
          "HOLDER_FROZEN",
          "INSUFFICIENT_UNITS");

  /** What each reason means, by the same number: which side of the transfer broke the rule. */
  public static final List<String> REASON_TEXTS =
      List.of(
          "ok",
          "the token is paused",
          "the sender is not registered",
          "the receiver is not registered",
          "the sender is frozen",
          "the receiver is frozen",
          "the sender has too few units");

  /** A registry entry: an address and the holder id it is registered under. */
  public record RegisteredHolder(String address, String holder) {}

  private final EvmClient client;
  private final String address;

  public BondTokenContract(EvmClient client, String address) {
    this.client = client;
    this.address = address;
  }

  /** Deploys a new token whose agent is {@code client}'s signer. */
  public static BondTokenContract deploy(EvmClient client, String name, String symbol) {
    return new BondTokenContract(
        client,
        client.deploy(
            EvmArtifact.BOND_TOKEN, List.of(new Utf8String(name), new Utf8String(symbol))));
  }

  public String address() {
    return address;
  }

  /** The same contract, with transactions signed by {@code other}. */
  public BondTokenContract as(EvmClient other) {
    return new BondTokenContract(other, address);
  }

  public TransactionReceipt registerHolders(List<RegisteredHolder> holders) {
    List<Bytes32> ids = holders.stream().map(h -> HolderId.encode(h.holder())).toList();
    return client.send(
        address,
        function(
            "registerHolders",
            addresses(holders.stream().map(RegisteredHolder::address).toList()),
            new DynamicArray<>(Bytes32.class, ids)));
  }

  public TransactionReceipt setFrozen(String account, boolean frozen) {
    return client.send(address, function("setFrozen", new Address(account), new Bool(frozen)));
  }

  public TransactionReceipt setPaused(boolean paused) {
    return client.send(address, function("setPaused", new Bool(paused)));
  }

  /** Mints once per {@code issuanceId}; a repeat with the same id does nothing. */
  public TransactionReceipt mintBatch(String issuanceId, List<String> accounts, List<Long> units) {
    return client.send(
        address,
        function(
            "mintBatch",
            new Bytes32(Hash.sha3(issuanceId.getBytes(StandardCharsets.UTF_8))),
            addresses(accounts),
            new DynamicArray<>(Uint256.class, units.stream().map(Abi::uint).toList())));
  }

  /** A transfer as the signer's own. */
  public TransactionReceipt transfer(String to, long units) {
    return client.send(address, function("transfer", new Address(to), uint(units)));
  }

  public TransactionReceipt forcedTransfer(String from, String to, long units, String reason) {
    return client.send(
        address,
        function(
            "forcedTransfer",
            new Address(from),
            new Address(to),
            uint(units),
            new Utf8String(reason)));
  }

  /** The index in {@link #REASONS} of the rule a transfer would break, 0 if none. */
  public int canTransfer(String from, String to, long units) {
    return number(
            client
                .call(
                    address,
                    function(
                        "canTransfer",
                        List.of(new Address(from), new Address(to), uint(units)),
                        List.of(new TypeReference<Uint8>() {})))
                .getFirst())
        .intValueExact();
  }

  public BigInteger balanceOf(String account) {
    return single("balanceOf", new Address(account));
  }

  public BigInteger totalSupplyAt(long block) {
    return single("totalSupplyAt", uint(block));
  }

  public BigInteger balanceOfAt(String account, long block) {
    return single("balanceOfAt", new Address(account), uint(block));
  }

  /** {@link #balanceOf} of each of {@code accounts}, in one call. */
  public List<BigInteger> balancesOf(List<String> accounts) {
    return numbers(
        client.call(
            address,
            function(
                "balancesOf",
                List.of(addresses(accounts)),
                List.of(new TypeReference<DynamicArray<Uint256>>() {}))));
  }

  /** {@link #balanceOfAt} of each of {@code accounts}, in one call. */
  public List<BigInteger> balancesOfAt(List<String> accounts, long block) {
    List<Type> out =
        client.call(
            address,
            function(
                "balancesOfAt",
                List.of(addresses(accounts), uint(block)),
                List.of(new TypeReference<DynamicArray<Uint256>>() {})));
    return numbers(out);
  }

  @SuppressWarnings("unchecked")
  private static List<BigInteger> numbers(List<Type> out) {
    return ((List<Uint256>) out.getFirst().getValue()).stream().map(Uint256::getValue).toList();
  }

  public long holderCount() {
    return single("holderCount").longValueExact();
  }

  /** The whole registry, in order of registration, read {@code page} entries a call. */
  @SuppressWarnings("unchecked")
  public List<RegisteredHolder> holders(int page) {
    long count = holderCount();
    List<RegisteredHolder> all = new ArrayList<>((int) count);
    for (long start = 0; start < count; start += page) {
      List<Type> out =
          client.call(
              address,
              function(
                  "holders",
                  List.of(uint(start), uint(page)),
                  List.of(
                      new TypeReference<DynamicArray<Address>>() {},
                      new TypeReference<DynamicArray<Bytes32>>() {})));
      List<Address> accounts = (List<Address>) out.get(0).getValue();
      List<Bytes32> ids = (List<Bytes32>) out.get(1).getValue();
      for (int i = 0; i < accounts.size(); i++) {
        all.add(
            new RegisteredHolder(
                accounts.get(i).getValue(), HolderId.decode(ids.get(i).getValue())));
      }
    }
    return all;
  }

  private BigInteger single(String name, Type<?>... inputs) {
    return number(
        client
            .call(
                address, function(name, List.of(inputs), List.of(new TypeReference<Uint256>() {})))
            .getFirst());
  }
}

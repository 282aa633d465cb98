package io.twinledger.contracts.evm;

import static io.twinledger.contracts.evm.Abi.function;
import static io.twinledger.contracts.evm.Abi.number;
import static io.twinledger.contracts.evm.Abi.uint;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * {@code CashToken.sol} through web3j: the ERC-20 payments are made in, one base unit per minor
 * unit of its currency.
 */
public final class CashTokenContract {

  private final EvmClient client;
  private final String address;

  public CashTokenContract(EvmClient client, String address) {
    this.client = client;
    this.address = address;
  }

  /** Deploys a cash token for {@code currency} issued by {@code client}'s signer. */
  public static CashTokenContract deploy(EvmClient client, String currency, int minorUnitDigits) {
    return new CashTokenContract(
        client,
        client.deploy(
            EvmArtifact.CASH_TOKEN,
            List.of(
                new Utf8String(currency + " cash token"),
                new Utf8String(currency),
                new Uint8(minorUnitDigits))));
  }

  public String address() {
    return address;
  }

  public TransactionReceipt mint(String to, BigInteger minorUnits) {
    return client.send(address, function("mint", new Address(to), uint(minorUnits)));
  }

  public TransactionReceipt transfer(String to, BigInteger minorUnits) {
    return client.send(address, function("transfer", new Address(to), uint(minorUnits)));
  }

  public TransactionReceipt approve(String spender, BigInteger minorUnits) {
    return client.send(address, function("approve", new Address(spender), uint(minorUnits)));
  }

  public BigInteger balanceOf(String account) {
    return number(
        client
            .call(
                address,
                function(
                    "balanceOf",
                    List.of(new Address(account)),
                    List.of(new TypeReference<Uint256>() {})))
            .getFirst());
  }

  /** The token's decimals: its currency's minor-unit digits. */
  public int decimals() {
    return number(
            client
                .call(
                    address,
                    function("decimals", List.of(), List.of(new TypeReference<Uint8>() {})))
                .getFirst())
        .intValueExact();
  }
}

package io.twinledger.contracts.evm;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/** Small helpers the wrappers share to build web3j {@link Function}s. */
final class Abi {

  private Abi() {}

  static Function function(String name, List<Type> inputs, List<TypeReference<?>> outputs) {
    return new Function(name, inputs, outputs);
  }

  static Function function(String name, Type... inputs) {
    return new Function(name, List.of(inputs), List.of());
  }

  static Uint256 uint(long value) {
    return new Uint256(BigInteger.valueOf(value));
  }

  static Uint256 uint(BigInteger value) {
    return new Uint256(value);
  }

  static DynamicArray<Address> addresses(List<String> accounts) {
    return new DynamicArray<>(Address.class, accounts.stream().map(Address::new).toList());
  }

  static BigInteger number(Type<?> value) {
    return (BigInteger) value.getValue();
  }
}

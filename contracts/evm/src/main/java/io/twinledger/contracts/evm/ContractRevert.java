package io.twinledger.contracts.evm;

import java.util.List;

/**
 * A contract call or transaction reverted, with the contract's custom error decoded: {@code
 * TransferRefused(3)} has {@link #error()} {@code TransferRefused} and {@link #arguments()} {@code
 * ["3"]} (numbers in decimal, addresses and {@code bytes32} in {@code 0x} hex). An error the
 * contracts do not declare comes as {@code error()} {@code "revert"} with the node's message.
 */
public final class ContractRevert extends RuntimeException {

  private final String error;
  private final List<String> arguments;

  public ContractRevert(String error, List<String> arguments, String detail) {
    super(error + arguments + (detail.isEmpty() ? "" : ": " + detail));
    this.error = error;
    this.arguments = List.copyOf(arguments);
  }

  /** The Solidity error's name, such as {@code TransferRefused}. */
  public String error() {
    return error;
  }

  /** The error's arguments, in declaration order. */
  public List<String> arguments() {
    return arguments;
  }
}

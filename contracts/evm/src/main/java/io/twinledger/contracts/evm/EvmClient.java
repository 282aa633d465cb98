package io.twinledger.contracts.evm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * One signer's connection to an EVM node: deploys the {@link EvmArtifact contracts}, sends
 * transactions and reads state, with reverts decoded into {@link ContractRevert}.
 *
 * <p>Every transaction is first estimated ({@code eth_estimateGas}); a revert found there is thrown
 * before anything is signed, so a refused call costs no gas and leaves no failed transaction. The
 * gas limit is the estimate plus a quarter.
 */
public final class EvmClient implements AutoCloseable {

  /** A batch of 200 holders takes a local node seconds to estimate and run on a busy machine. */
  private static final Duration RPC_TIMEOUT = Duration.ofMinutes(2);

  private static final Pattern REVERT_DATA = Pattern.compile("0x[0-9a-fA-F]{8,}");

  private final Web3j web3j;
  private final long chainId;
  private final Credentials credentials;
  private final boolean ownsConnection;

  /** One lock per sending account, shared by every client in the JVM. */
  private static final ConcurrentHashMap<String, ReentrantLock> SENDERS = new ConcurrentHashMap<>();

  private final RawTransactionManager transactions;
  private final PollingTransactionReceiptProcessor receipts;

  /**
   * @param rpcUrl the node's JSON-RPC address, such as {@code http://127.0.0.1:8545}
   * @param chainId the chain id transactions are signed for (EIP-155)
   * @param credentials the signer
   */
  public EvmClient(String rpcUrl, long chainId, Credentials credentials) {
    this(
        Web3j.build(
            new HttpService(
                rpcUrl,
                new OkHttpClient.Builder()
                    .readTimeout(RPC_TIMEOUT)
                    .writeTimeout(RPC_TIMEOUT)
                    .build())),
        chainId,
        credentials,
        true);
  }

  private EvmClient(Web3j web3j, long chainId, Credentials credentials, boolean ownsConnection) {
    this.web3j = web3j;
    this.chainId = chainId;
    this.credentials = credentials;
    this.ownsConnection = ownsConnection;
    this.transactions = new RawTransactionManager(web3j, credentials, chainId);
    this.receipts = new PollingTransactionReceiptProcessor(web3j, 15, 4000);
  }

  /** The same connection, signing as {@code signer}; closing it leaves the connection open. */
  public EvmClient as(Credentials signer) {
    return new EvmClient(web3j, chainId, signer, false);
  }

  /** The signer's address, {@code 0x} and 40 lower-case hex digits. */
  public String address() {
    return credentials.getAddress();
  }

  /** Deploys {@code artifact} with constructor arguments {@code arguments}; its address. */
  public String deploy(EvmArtifact artifact, List<Type> arguments) {
    String data = artifact.bytecode() + FunctionEncoder.encodeConstructor(arguments);
    TransactionReceipt receipt = submit(null, "0x" + data, BigInteger.ZERO);
    return receipt.getContractAddress();
  }

  /** Sends {@code function} to the contract at {@code to} and waits for it to be mined. */
  public TransactionReceipt send(String to, Function function) {
    return submit(to, FunctionEncoder.encode(function), BigInteger.ZERO);
  }

  /** Sends {@code wei} of the chain's coin to {@code to}, for gas of a holder's own transfers. */
  public TransactionReceipt sendCoin(String to, BigInteger wei) {
    return submit(to, "0x", wei);
  }

  /** The balance of the chain's coin at {@code address}, in wei. */
  public BigInteger coinBalance(String address) {
    return rpc(() -> web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send())
        .getBalance();
  }

  /** Calls view {@code function} of the contract at {@code to} on the latest block. */
  @SuppressWarnings("rawtypes")
  public List<Type> call(String to, Function function) {
    String data = FunctionEncoder.encode(function);
    EthCall result =
        rpc(
            () ->
                web3j
                    .ethCall(
                        Transaction.createEthCallTransaction(address(), to, data),
                        DefaultBlockParameterName.LATEST)
                    .send());
    if (result.hasError() || result.isReverted()) {
      throw revert(result.getError(), result.getRevertReason());
    }
    return FunctionReturnDecoder.decode(result.getValue(), function.getOutputParameters());
  }

  /** The number of the latest block. */
  public long blockNumber() {
    return rpc(() -> web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
  }

  /**
   * The logs of the contract at {@code address} whose first topics are {@code topics} (the event
   * signature hash, then indexed arguments), from block {@code fromBlock} on.
   */
  public List<Log> logs(String address, long fromBlock, String... topics) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
            DefaultBlockParameterName.LATEST,
            address);
    for (String topic : topics) {
      filter.addSingleTopic(topic);
    }
    EthLog result = rpc(() -> web3j.ethGetLogs(filter).send());
    if (result.hasError()) {
      throw new IllegalStateException("eth_getLogs: " + result.getError().getMessage());
    }
    return result.getLogs().stream().map(r -> (Log) r.get()).toList();
  }

  /**
   * Sends one transaction and waits until it is mined. The node assigns nonces from the account's
   * pending count, so two transactions of one account sent at once would get the same nonce: every
   * client in the JVM takes the account's lock from estimate to receipt.
   */
  private TransactionReceipt submit(String to, String data, BigInteger value) {
    ReentrantLock sender = SENDERS.computeIfAbsent(address(), a -> new ReentrantLock());
    sender.lock();
    try {
      return submitLocked(to, data, value);
    } finally {
      sender.unlock();
    }
  }

  private TransactionReceipt submitLocked(String to, String data, BigInteger value) {
    EthEstimateGas estimate =
        rpc(
            () ->
                web3j
                    .ethEstimateGas(new Transaction(address(), null, null, null, to, value, data))
                    .send());
    if (estimate.hasError()) {
      throw revert(estimate.getError(), "");
    }
    BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(5)).shiftRight(2);
    BigInteger gasPrice = rpc(() -> web3j.ethGasPrice().send()).getGasPrice();
    EthSendTransaction sent =
        rpc(() -> transactions.sendTransaction(gasPrice, gasLimit, to, data, value, to == null));
    if (sent.hasError()) {
      throw revert(sent.getError(), "");
    }
    TransactionReceipt receipt;
    try {
      receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TransactionException e) {
      throw new IllegalStateException(
          "transaction " + sent.getTransactionHash() + " was not mined: " + e.getMessage(), e);
    }
    if (!receipt.isStatusOK()) {
      throw new ContractRevert(
          "revert", List.of(), "transaction " + receipt.getTransactionHash() + " reverted");
    }
    return receipt;
  }

  private static ContractRevert revert(Response.Error error, String reason) {
    String message = error == null ? String.valueOf(reason) : error.getMessage();
    String data = error == null ? null : error.getData();
    if (data != null) {
      Matcher m = REVERT_DATA.matcher(data);
      while (m.find()) {
        var decoded = ContractErrors.decode(m.group(), message);
        if (decoded.isPresent()) {
          return decoded.get();
        }
      }
    }
    return new ContractRevert("revert", List.of(), message);
  }

  private interface Rpc<T> {
    T send() throws IOException;
  }

  private static <T> T rpc(Rpc<T> call) {
    try {
      return call.send();
    } catch (IOException e) {
      throw new UncheckedIOException("EVM node: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (ownsConnection) {
      web3j.shutdown();
    }
  }
}

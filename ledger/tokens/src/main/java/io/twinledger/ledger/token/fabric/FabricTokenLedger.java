package io.twinledger.ledger.token.fabric;

import io.twinledger.finance.money.Money;
import io.twinledger.finance.payout.Holding;
import io.twinledger.finance.payout.Payout;
import io.twinledger.finance.payout.PayoutDigest;
import io.twinledger.ledger.gateway.ChaincodeRefusal;
import io.twinledger.ledger.gateway.CommitStatuses;
import io.twinledger.ledger.gateway.TransactionLogContext;
import io.twinledger.ledger.token.PayoutOrder;
import io.twinledger.ledger.token.PayoutReceipt;
import io.twinledger.ledger.token.RecordSnapshot;
import io.twinledger.ledger.token.TokenLedger;
import io.twinledger.ledger.token.TokenRefusal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONStringer;

/**
 * The bond tokens on Fabric: {@code TokenContract} and {@code BondRegistryContract} of chaincode
 * {@value #CHAINCODE}, through the Fabric Gateway client (embedded peer or a real network), on the
 * fabric-samples path {@code newProposal → endorse → submitAsync → getStatus}.
 *
 * <p>TwinLedger names a bond's token after the bond, so the bond id of a {@link PayoutOrder} is its
 * token id. {@link #pay} takes the payment's record-date snapshot (idempotent) and then pays it
 * (idempotent), two transactions; a caller that crashed between or after them calls {@code pay}
 * again and the payout completes exactly once. The gateway's identity must be the token's issuer.
 *
 * <p>A refusal by the chaincode's rules becomes a {@link TokenRefusal} with the chaincode's error
 * code, read from the endorsers' error details (a gateway passes on their messages, which the
 * contracts open with the code). Anything else (no endorsement, an invalid commit) is an {@link
 * IllegalStateException} with the peers' details. A transaction invalidated by an MVCC or phantom
 * read conflict changed nothing, so it is sent again, up to {@value #ATTEMPTS} times.
 */
public final class FabricTokenLedger implements TokenLedger {

  /** The chaincode that hosts both contracts, as network-config's consortium names it. */
  public static final String CHAINCODE = "twinledger-bonds";

  private static final String TOKEN = "TokenContract:";
  private static final String BOND = "BondRegistryContract:";
  private static final int ATTEMPTS = 3;

  /** {@code chaincode response 500, HOLDER_FROZEN: to: bob is frozen}, as a detail reads. */
  private final Gateway gateway;

  private final String channel;
  private final Contract contract;

  /**
   * @param gateway a gateway connected as the tokens' issuer
   * @param channel the channel the chaincode runs on ({@code infra-performance})
   */
  public FabricTokenLedger(Gateway gateway, String channel) {
    this.gateway = gateway;
    this.channel = channel;
    this.contract = gateway.getNetwork(channel).getContract(CHAINCODE);
  }

  @Override
  public String chain() {
    return "fabric";
  }

  @Override
  public void openToken(String tokenId, String currency) {
    submit(TOKEN + "CreateToken", tokenId, currency);
  }

  /**
   * Registers the bond of token {@code tokenId} (the same id) with the hash of its terms; the same
   * registration again is accepted.
   */
  @Override
  public void registerBond(String tokenId, String termsHash, String currency) {
    submit(BOND + "RegisterBond", tokenId, termsHash, tokenId, currency);
  }

  /** Adds {@code amount} to the issuer's cash account the payouts are paid from. */
  public void fundCash(Money amount) {
    submit(BOND + "FundCash", amount.currency().getCurrencyCode(), minorUnits(amount).toString());
  }

  /**
   * Records a performance determination of the bond of {@code tokenId} with its evidence JSON
   * ({@code BondRegistryContract:RecordDetermination}); idempotent by {@code determinationId}.
   */
  @Override
  public void recordDetermination(String tokenId, String determinationId, String evidence) {
    submit(BOND + "RecordDetermination", tokenId, determinationId, evidence);
  }

  @Override
  public void registerHolders(String tokenId, List<String> holders) {
    submit(TOKEN + "RegisterHolders", tokenId, new JSONArray(holders).toString());
  }

  @Override
  public void setFrozen(String tokenId, String holder, boolean frozen) {
    submit(TOKEN + "SetFrozen", tokenId, holder, Boolean.toString(frozen));
  }

  @Override
  public void issue(String tokenId, String issuanceId, List<Holding> holdings) {
    JSONStringer json = new JSONStringer();
    json.array();
    for (Holding holding : holdings) {
      json.object().key("holder").value(holding.holder()).key("units").value(holding.units());
      json.endObject();
    }
    submit(TOKEN + "Mint", tokenId, issuanceId, json.endArray().toString());
  }

  @Override
  public void transfer(String tokenId, String from, String to, long units) {
    submit(TOKEN + "Transfer", tokenId, from, to, Long.toString(units));
  }

  @Override
  public void forcedTransfer(String tokenId, String from, String to, long units, String reason) {
    submit(TOKEN + "ForcedTransfer", tokenId, from, to, Long.toString(units), reason);
  }

  @Override
  public List<Holding> balances(String tokenId) {
    return holdings(new JSONArray(evaluate(TOKEN + "Balances", tokenId)));
  }

  @Override
  public RecordSnapshot snapshot(String tokenId, String paymentId) {
    Committed taken = submit(TOKEN + "Snapshot", tokenId, paymentId);
    JSONObject snapshot = new JSONObject(taken.payload());
    return new RecordSnapshot(
        chain(),
        tokenId,
        paymentId,
        blockOf(snapshot.getString("txId"), taken),
        holdings(snapshot.getJSONArray("holdings")));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A performance payment ({@link PayoutOrder#determinationId()}) is refused by the chaincode
   * ({@code PAYMENT_NOT_DETERMINED}) unless that determination is recorded with this amount and the
   * issuer paying. The issuer's cash account on the channel stands in for its bank: before a payout
   * not yet made, the account is funded with what it lacks for the payment. A crash between the two
   * leaves the funds there, and the repeated payout finds them.
   */
  @Override
  public PayoutReceipt pay(PayoutOrder order) {
    Optional<PayoutReceipt> paid = payout(order.tokenId(), order.paymentId());
    if (paid.isPresent()) {
      Money total =
          paid.get().payouts().stream()
              .map(Payout::amount)
              .reduce(Money.zero(order.amount().currency()), Money::plus);
      if (!total.equals(order.amount())) {
        throw new TokenRefusal(
            "PAYOUT_EXISTS",
            "payment " + order.paymentId() + " was paid as " + total + ", not " + order.amount());
      }
      return paid.get();
    }
    BigInteger needed = minorUnits(order.amount());
    BigInteger held = issuerCash(order.amount().currency().getCurrencyCode());
    if (held.compareTo(needed) < 0) {
      fundCash(money(needed.subtract(held), order.amount().currency()));
    }
    return payOnce(order);
  }

  /** The issuer's cash on the channel, in minor units of {@code currency}. */
  private BigInteger issuerCash(String currency) {
    try {
      JSONObject account =
          new JSONObject(
              new String(
                  contract.evaluateTransaction(
                      BOND + "IssuerCash", currency, gateway.getIdentity().getMspId()),
                  StandardCharsets.UTF_8));
      return new BigInteger(account.getString("amountMinor"));
    } catch (GatewayException e) {
      throw refusalOr(e, "IssuerCash " + currency);
    }
  }

  @Override
  public Optional<PayoutReceipt> payout(String tokenId, String paymentId) {
    try {
      String payout =
          new String(
              contract.evaluateTransaction(BOND + "Payout", tokenId, paymentId),
              StandardCharsets.UTF_8);
      JSONObject json = new JSONObject(payout);
      return Optional.of(receipt(json, blockOf(json.getString("txId"), null)));
    } catch (GatewayException e) {
      TokenRefusal refusal = refusalOr(e, "Payout " + tokenId + "/" + paymentId);
      if (refusal.code().equals("PAYOUT_NOT_FOUND")) {
        return Optional.empty();
      }
      throw refusal;
    }
  }

  private PayoutReceipt payOnce(PayoutOrder order) {
    snapshot(order.tokenId(), order.paymentId());
    Committed paid =
        submit(
            BOND + "Pay",
            order.tokenId(),
            order.paymentId(),
            minorUnits(order.amount()).toString(),
            order.amount().currency().getCurrencyCode(),
            order.determinationId().orElse(""));
    JSONObject payout = new JSONObject(paid.payload());
    return receipt(payout, blockOf(payout.getString("txId"), paid));
  }

  /**
   * The receipt of a recorded payout, its digest recomputed here: a payout whose digest does not
   * name its own allocation is not accepted.
   */
  private PayoutReceipt receipt(JSONObject payout, long block) {
    Currency currency = Currency.getInstance(payout.getString("currency"));
    JSONArray lines = payout.getJSONArray("payouts");
    List<Payout> payouts = new ArrayList<>(lines.length());
    for (int i = 0; i < lines.length(); i++) {
      JSONObject line = lines.getJSONObject(i);
      payouts.add(
          new Payout(
              line.getString("holder"),
              money(new BigInteger(line.getString("amountMinor")), currency)));
    }
    String digest = payout.getString("allocationDigest");
    if (!PayoutDigest.of(payouts).equals(digest)) {
      throw new IllegalStateException(
          "payout "
              + payout.getString("paymentId")
              + " records digest "
              + digest
              + ", but its allocation's is "
              + PayoutDigest.of(payouts));
    }
    return new PayoutReceipt(
        chain(),
        payout.getString("tokenId"),
        payout.getString("paymentId"),
        payouts,
        digest,
        List.of(payout.getString("snapshotTxId"), payout.getString("txId")),
        block);
  }

  /**
   * The block of transaction {@code txId}: the one just committed if it is {@code latest}'s,
   * otherwise asked of the peer (a call repeated after a crash returns the record of an earlier
   * transaction).
   */
  private long blockOf(String txId, Committed latest) {
    if (latest != null && latest.status().getTransactionId().equals(txId)) {
      return latest.status().getBlockNumber();
    }
    try {
      Status status = CommitStatuses.of(gateway, channel, txId);
      if (!status.isSuccessful()) {
        throw new IllegalStateException(
            "transaction " + txId + " is recorded as committed but is " + status.getCode());
      }
      return status.getBlockNumber();
    } catch (CommitStatusException e) {
      throw new IllegalStateException(
          "the block of transaction " + txId + " is unknown: " + ChaincodeRefusal.describe(e), e);
    }
  }

  /** A committed transaction: its status and the chaincode's result. */
  private record Committed(Status status, byte[] result) {
    String payload() {
      return new String(result, StandardCharsets.UTF_8);
    }
  }

  private Committed submit(String function, String... args) {
    for (int attempt = 1; ; attempt++) {
      Proposal proposal = contract.newProposal(function).addArguments(args).build();
      try (var tx = TransactionLogContext.of(proposal.getTransactionId())) {
        SubmittedTransaction submitted = proposal.endorse().submitAsync();
        Status status = submitted.getStatus();
        if (status.isSuccessful()) {
          return new Committed(status, submitted.getResult());
        }
        boolean conflict =
            status.getCode() == TxValidationCode.MVCC_READ_CONFLICT
                || status.getCode() == TxValidationCode.PHANTOM_READ_CONFLICT;
        if (!conflict || attempt == ATTEMPTS) {
          throw new IllegalStateException(
              function
                  + " was not committed: "
                  + status.getCode()
                  + " in block "
                  + status.getBlockNumber()
                  + " (transaction "
                  + status.getTransactionId()
                  + ")");
        }
      } catch (EndorseException | SubmitException | CommitStatusException e) {
        throw refusalOr(e, function);
      }
    }
  }

  private String evaluate(String function, String... args) {
    try {
      return new String(contract.evaluateTransaction(function, args), StandardCharsets.UTF_8);
    } catch (GatewayException e) {
      throw refusalOr(e, function);
    }
  }

  /**
   * The chaincode's refusal in {@code e}'s details, or, when the chaincode did not refuse, an
   * {@link IllegalStateException} with the gateway's message and the details.
   */
  private static TokenRefusal refusalOr(GatewayException e, String function) {
    return ChaincodeRefusal.in(e)
        .map(refusal -> new TokenRefusal(refusal.code(), refusal.message()))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    function + " failed: " + ChaincodeRefusal.describe(e), e));
  }

  private static List<Holding> holdings(JSONArray array) {
    List<Holding> holdings = new ArrayList<>(array.length());
    for (int i = 0; i < array.length(); i++) {
      JSONObject holding = array.getJSONObject(i);
      holdings.add(new Holding(holding.getString("holder"), holding.getLong("units")));
    }
    return holdings;
  }

  private static BigInteger minorUnits(Money amount) {
    return amount.amount().movePointRight(amount.minorUnitDigits()).toBigIntegerExact();
  }

  private static Money money(BigInteger minorUnits, Currency currency) {
    return new Money(new BigDecimal(minorUnits, currency.getDefaultFractionDigits()), currency);
  }
}

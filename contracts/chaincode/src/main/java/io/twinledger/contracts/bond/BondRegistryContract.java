package io.twinledger.contracts.bond;

import io.twinledger.contracts.ContractDescription;
import io.twinledger.contracts.token.Arguments;
import io.twinledger.contracts.token.ChainJson;
import io.twinledger.contracts.token.Token;
import io.twinledger.contracts.token.TokenKeys;
import io.twinledger.contracts.token.TokenSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * The bond registry: each bond's terms hash and token, each performance determination with its
 * evidence (the KPI period revisions, audit leaf indexes and the anchored checkpoint that covers
 * them), and each payout with its allocation digest.
 *
 * <p>A payout ({@link #Pay}) is one transaction: it reads the record-date snapshot that {@code
 * TokenContract:Snapshot} stored for the payment (both contracts share the chaincode's namespace;
 * {@link TokenKeys} has the layout), allocates the amount by {@link PayoutRule}, debits the
 * issuer's cash account, credits every holder's and records the payout. Being one transaction it is
 * atomic: a crash leaves it done or not done, and a repeated {@code Pay} of the same payment
 * returns the recorded payout, so nobody is paid twice.
 *
 * <p>Only the bond's issuer (the MSP that registered it, which must be its token's issuer) writes
 * to a bond; the endorsement policy adds the trustee's signature. Refusals carry a {@link
 * BondError} name as payload and at the head of the message. Amounts are whole minor units passed
 * as decimal text.
 */
@Contract(
    name = "BondRegistryContract",
    info =
        @Info(
            title = "TwinLedger bond registry",
            description =
                "Performance-linked bonds: terms hashes, determinations with their evidence, and"
                    + " payouts to token holders by the largest-remainder rule, one transaction"
                    + " each.",
            version = "0.2.0",
            license = @License(name = "Apache-2.0")))
public final class BondRegistryContract implements ContractInterface {

  /**
   * The chaincode event of a payout. Its payload is JSON: {@code bondId}, {@code paymentId}, {@code
   * amountMinor}, {@code currency}, {@code holders}, {@code allocationDigest}, {@code txId}.
   */
  public static final String PAYOUT_RECORDED = "PayoutRecorded";

  /** What this contract is and which functions it has. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public ContractDescription Describe(Context ctx) {
    return ContractDescription.of(getClass());
  }

  /**
   * Registers bond {@code bondId} with its terms hash, paying the holders of {@code tokenId} in
   * {@code currency}. The creator must be the token's issuer and the currency the token's. The same
   * registration again returns the bond; another one under the same id is {@code BOND_EXISTS}.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Bond RegisterBond(
      Context ctx, String bondId, String termsHash, String tokenId, String currency) {
    id("bondId", bondId);
    id("tokenId", tokenId);
    termsHash(termsHash);
    ChaincodeStub stub = ctx.getStub();
    String msp = ctx.getClientIdentity().getMSPID();
    byte[] tokenState = stub.getState(TokenKeys.token(stub, tokenId));
    if (tokenState == null || tokenState.length == 0) {
      throw BondError.TOKEN_NOT_FOUND.refuse("no token " + tokenId);
    }
    Token token = Token.fromState(tokenState);
    if (!token.ownerMsp().equals(msp)) {
      throw BondError.UNAUTHORIZED.refuse(
          "token " + tokenId + " is issued by " + token.ownerMsp() + ", not " + msp);
    }
    currency(currency);
    if (!token.currency().equals(currency)) {
      throw BondError.INVALID_ARGUMENT.refuse(
          "currency: token " + tokenId + " pays in " + token.currency() + ", not " + currency);
    }
    Bond bond = new Bond(bondId, termsHash, tokenId, currency, msp);
    Optional<Bond> existing = bond(stub, bondId);
    if (existing.isPresent()) {
      if (existing.get().equals(bond)) {
        return bond;
      }
      throw BondError.BOND_EXISTS.refuse("bond " + bondId + " is registered with other terms");
    }
    stub.putState(TokenKeys.bond(stub, bondId), bond.toState());
    ChainJson.event(
        stub, "BondRegistered", "bondId", bondId, "termsHash", termsHash, "tokenId", tokenId);
    return bond;
  }

  /**
   * Replaces the terms hash of bond {@code bondId} with {@code termsHash}: allowed only before
   * issue, that is while its token has no issuance; afterwards {@code BOND_ISSUED}.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Bond ReviseTerms(Context ctx, String bondId, String termsHash) {
    Bond bond = administered(ctx, bondId);
    termsHash(termsHash);
    ChaincodeStub stub = ctx.getStub();
    boolean issued;
    try (QueryResultsIterator<KeyValue> issuances =
        stub.getStateByPartialCompositeKey(TokenKeys.issuances(stub, bond.tokenId()))) {
      issued = issuances.iterator().hasNext();
    } catch (Exception e) {
      throw closing(e);
    }
    if (issued) {
      throw BondError.BOND_ISSUED.refuse(
          "token " + bond.tokenId() + " of bond " + bondId + " is issued; its terms are final");
    }
    Bond revised = new Bond(bondId, termsHash, bond.tokenId(), bond.currency(), bond.ownerMsp());
    stub.putState(TokenKeys.bond(stub, bondId), revised.toState());
    ChainJson.event(
        stub, "TermsRevised", "bondId", bondId, "from", bond.termsHash(), "to", termsHash);
    return revised;
  }

  /** The bond {@code bondId}. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public Bond GetBond(Context ctx, String bondId) {
    return existing(ctx.getStub(), id("bondId", bondId));
  }

  /**
   * Records a performance determination of bond {@code bondId} with its evidence (see {@link
   * DeterminationEvidence} for the JSON). The same evidence again returns the recorded one; other
   * evidence under the same id is {@code DETERMINATION_EXISTS}.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Determination RecordDetermination(
      Context ctx, String bondId, String determinationId, String evidence) {
    Bond bond = administered(ctx, bondId);
    id("determinationId", determinationId);
    DeterminationEvidence checked;
    try {
      checked = DeterminationEvidence.parse(evidence);
    } catch (IllegalArgumentException e) {
      throw BondError.INVALID_ARGUMENT.refuse(e.getMessage());
    }
    ChaincodeStub stub = ctx.getStub();
    Optional<Determination> existing = determination(stub, bondId, determinationId);
    if (existing.isPresent()) {
      if (existing.get().evidence().equals(checked.canonical())) {
        return existing.get();
      }
      throw BondError.DETERMINATION_EXISTS.refuse(
          "determination " + determinationId + " of bond " + bondId + " has other evidence");
    }
    Determination determination =
        new Determination(
            bond.bondId(),
            determinationId,
            checked.feature(),
            checked.kpi(),
            Long.toString(checked.amountMinor()),
            checked.payer(),
            checked.canonical(),
            stub.getTxId(),
            stub.getTxTimestamp().toString());
    stub.putState(TokenKeys.determination(stub, bondId, determinationId), determination.toState());
    ChainJson.event(
        stub,
        "DeterminationRecorded",
        "bondId",
        bondId,
        "determinationId",
        determinationId,
        "amountMinor",
        determination.amountMinor(),
        "payer",
        determination.payer());
    return determination;
  }

  /** The determination {@code determinationId} of bond {@code bondId}. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public Determination GetDetermination(Context ctx, String bondId, String determinationId) {
    ChaincodeStub stub = ctx.getStub();
    return determination(stub, id("bondId", bondId), id("determinationId", determinationId))
        .orElseThrow(
            () ->
                BondError.DETERMINATION_NOT_FOUND.refuse(
                    "bond " + bondId + " has no determination " + determinationId));
  }

  /** Adds {@code amountMinor} to the creator's issuer cash account in {@code currency}. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public CashAccount FundCash(Context ctx, String currency, String amountMinor) {
    currency(currency);
    long amount = minor("amountMinor", amountMinor);
    ChaincodeStub stub = ctx.getStub();
    String msp = ctx.getClientIdentity().getMSPID();
    String key = TokenKeys.issuerCash(stub, currency, msp);
    long balance = add("issuer cash of " + msp, cash(stub, key), amount);
    stub.putState(key, Long.toString(balance).getBytes(StandardCharsets.UTF_8));
    ChainJson.event(
        stub, "CashFunded", "currency", currency, "ownerMsp", msp, "amountMinor", amountMinor);
    return new CashAccount(currency, msp, Long.toString(balance));
  }

  /** A holder's cash: the payouts it received in {@code currency}. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public CashAccount CashBalance(Context ctx, String currency, String holder) {
    currency(currency);
    ChaincodeStub stub = ctx.getStub();
    long balance = cash(stub, TokenKeys.cash(stub, currency, id("holder", holder)));
    return new CashAccount(currency, holder, Long.toString(balance));
  }

  /** An issuer's cash left for payouts in {@code currency}. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public CashAccount IssuerCash(Context ctx, String currency, String mspId) {
    currency(currency);
    ChaincodeStub stub = ctx.getStub();
    long balance = cash(stub, TokenKeys.issuerCash(stub, currency, id("mspId", mspId)));
    return new CashAccount(currency, mspId, Long.toString(balance));
  }

  /**
   * Pays payment {@code paymentId} of bond {@code bondId}: {@code amountMinor} of {@code currency}
   * to the holders of the token's snapshot for this payment, by {@link PayoutRule}, from the
   * issuer's cash. {@code determinationId} names the recorded determination a performance payment
   * pays (its amount must be this one and its payer the issuer), or is empty for a payment that is
   * not performance-based.
   *
   * <p>Idempotent by payment id: the same payment again returns the recorded payout and changes
   * nothing; another amount, currency or determination is {@code PAYOUT_EXISTS}.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public BondPayout Pay(
      Context ctx,
      String bondId,
      String paymentId,
      String amountMinor,
      String currency,
      String determinationId) {
    Bond bond = administered(ctx, bondId);
    id("paymentId", paymentId);
    long amount = minor("amountMinor", amountMinor);
    if (!bond.currency().equals(currency)) {
      throw BondError.INVALID_ARGUMENT.refuse(
          "currency: bond " + bondId + " pays in " + bond.currency() + ", not " + currency);
    }
    if (determinationId == null) {
      throw BondError.INVALID_ARGUMENT.refuse("determinationId: empty or a determination id");
    }
    ChaincodeStub stub = ctx.getStub();
    String key = TokenKeys.payout(stub, bondId, paymentId);
    byte[] stored = stub.getState(key);
    if (stored != null && stored.length > 0) {
      BondPayout paid = BondPayout.fromState(stored);
      if (paid.sameOrder(Long.toString(amount), currency, determinationId)) {
        return paid;
      }
      throw BondError.PAYOUT_EXISTS.refuse(
          "payment "
              + paymentId
              + " of bond "
              + bondId
              + " was paid with "
              + paid.amountMinor()
              + " "
              + paid.currency()
              + (paid.determinationId().isEmpty() ? "" : " for " + paid.determinationId())
              + " in "
              + paid.txId());
    }
    if (!determinationId.isEmpty()) {
      determined(stub, bondId, id("determinationId", determinationId), amount);
    }
    byte[] snapshotState = stub.getState(TokenKeys.snapshot(stub, bond.tokenId(), paymentId));
    if (snapshotState == null || snapshotState.length == 0) {
      throw BondError.SNAPSHOT_NOT_FOUND.refuse(
          "token " + bond.tokenId() + " has no record-date snapshot for payment " + paymentId);
    }
    TokenSnapshot snapshot = TokenSnapshot.fromState(snapshotState);
    if (snapshot.totalUnits() == 0) {
      throw BondError.NO_HOLDERS.refuse(
          "the snapshot of payment " + paymentId + " holds no units of " + bond.tokenId());
    }
    String issuerKey = TokenKeys.issuerCash(stub, currency, bond.ownerMsp());
    long funded = cash(stub, issuerKey);
    if (funded < amount) {
      throw BondError.INSUFFICIENT_CASH.refuse(
          bond.ownerMsp() + " has " + funded + " minor units of " + currency + ", not " + amount);
    }
    HolderPayout[] payouts = PayoutRule.allocate(amount, snapshot.holdings());
    for (HolderPayout payout : payouts) {
      String holderKey = TokenKeys.cash(stub, currency, payout.holder());
      long balance =
          add(
              "cash of " + payout.holder(),
              cash(stub, holderKey),
              Long.parseLong(payout.amountMinor()));
      stub.putState(holderKey, Long.toString(balance).getBytes(StandardCharsets.UTF_8));
    }
    stub.putState(issuerKey, Long.toString(funded - amount).getBytes(StandardCharsets.UTF_8));
    BondPayout payout =
        new BondPayout(
            bondId,
            paymentId,
            bond.tokenId(),
            currency,
            Long.toString(amount),
            determinationId,
            snapshot.txId(),
            snapshot.totalUnits(),
            payouts,
            PayoutRule.digest(payouts),
            stub.getTxId(),
            stub.getTxTimestamp().toString());
    stub.putState(key, payout.toState());
    ChainJson.event(
        stub,
        PAYOUT_RECORDED,
        "bondId",
        bondId,
        "paymentId",
        paymentId,
        "amountMinor",
        payout.amountMinor(),
        "currency",
        currency,
        "holders",
        payouts.length,
        "allocationDigest",
        payout.allocationDigest(),
        "txId",
        payout.txId());
    return payout;
  }

  /** The payout of payment {@code paymentId} of bond {@code bondId}. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public BondPayout Payout(Context ctx, String bondId, String paymentId) {
    ChaincodeStub stub = ctx.getStub();
    byte[] stored =
        stub.getState(TokenKeys.payout(stub, id("bondId", bondId), id("paymentId", paymentId)));
    if (stored == null || stored.length == 0) {
      throw BondError.PAYOUT_NOT_FOUND.refuse(
          "payment " + paymentId + " of bond " + bondId + " is not paid");
    }
    return BondPayout.fromState(stored);
  }

  /** Every payout of bond {@code bondId}, by payment id. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public BondPayout[] Payouts(Context ctx, String bondId) {
    ChaincodeStub stub = ctx.getStub();
    existing(stub, id("bondId", bondId));
    List<BondPayout> payouts = new ArrayList<>();
    try (QueryResultsIterator<KeyValue> range =
        stub.getStateByPartialCompositeKey(TokenKeys.payouts(stub, bondId))) {
      for (KeyValue entry : range) {
        payouts.add(BondPayout.fromState(entry.getValue()));
      }
    } catch (Exception e) {
      throw closing(e);
    }
    return payouts.toArray(BondPayout[]::new);
  }

  /** Checks that the recorded determination decides that the issuer pays {@code amount}. */
  private static void determined(
      ChaincodeStub stub, String bondId, String determinationId, long amount) {
    Determination determination =
        determination(stub, bondId, determinationId)
            .orElseThrow(
                () ->
                    BondError.PAYMENT_NOT_DETERMINED.refuse(
                        "determinationId: bond "
                            + bondId
                            + " has no recorded determination "
                            + determinationId));
    if (!determination.payer().equals("ISSUER")) {
      throw BondError.PAYMENT_NOT_DETERMINED.refuse(
          "determination " + determinationId + " has the investors pay, not the issuer");
    }
    if (Long.parseLong(determination.amountMinor()) != amount) {
      throw BondError.PAYMENT_NOT_DETERMINED.refuse(
          "determination "
              + determinationId
              + " decided "
              + determination.amountMinor()
              + " minor units, not "
              + amount);
    }
  }

  /** The bond, which the creator's MSP must have registered. */
  private static Bond administered(Context ctx, String bondId) {
    Bond bond = existing(ctx.getStub(), id("bondId", bondId));
    String msp = ctx.getClientIdentity().getMSPID();
    if (!bond.ownerMsp().equals(msp)) {
      throw BondError.UNAUTHORIZED.refuse(
          "bond " + bondId + " is issued by " + bond.ownerMsp() + ", not " + msp);
    }
    return bond;
  }

  private static Bond existing(ChaincodeStub stub, String bondId) {
    return bond(stub, bondId)
        .orElseThrow(() -> BondError.BOND_NOT_FOUND.refuse("no bond " + bondId));
  }

  private static Optional<Bond> bond(ChaincodeStub stub, String bondId) {
    byte[] value = stub.getState(TokenKeys.bond(stub, bondId));
    return value == null || value.length == 0
        ? Optional.empty()
        : Optional.of(Bond.fromState(value));
  }

  private static Optional<Determination> determination(
      ChaincodeStub stub, String bondId, String determinationId) {
    byte[] value = stub.getState(TokenKeys.determination(stub, bondId, determinationId));
    return value == null || value.length == 0
        ? Optional.empty()
        : Optional.of(Determination.fromState(value));
  }

  /** A cash balance in minor units; a missing account holds nothing. */
  private static long cash(ChaincodeStub stub, String key) {
    byte[] value = stub.getState(key);
    return value == null || value.length == 0
        ? 0
        : Long.parseLong(new String(value, StandardCharsets.UTF_8));
  }

  private static String id(String name, String id) {
    return checked(() -> Arguments.id(name, id));
  }

  private static void termsHash(String termsHash) {
    if (termsHash == null || !termsHash.matches("[0-9a-f]{64}")) {
      throw BondError.INVALID_ARGUMENT.refuse(
          "termsHash: SHA-256 as 64 lower-case hex digits, not " + termsHash);
    }
  }

  /** {@code QueryResultsIterator.close} is declared to throw Exception; closing tells the peer. */
  private static RuntimeException closing(Exception e) {
    return e instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException("closing a query failed", e);
  }

  private static String currency(String currency) {
    return checked(() -> Arguments.currency(currency));
  }

  private static long minor(String name, String decimal) {
    return checked(() -> Arguments.whole(name, decimal, false));
  }

  private static long add(String what, long a, long b) {
    return checked(() -> Arguments.sum(what, a, b));
  }

  /** {@code check}'s result, or its {@link IllegalArgumentException} as an INVALID_ARGUMENT. */
  private static <T> T checked(Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw BondError.INVALID_ARGUMENT.refuse(e.getMessage());
    }
  }
}

package io.twinledger.contracts.token;

import io.twinledger.contracts.ContractDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * Permissioned bond tokens (after ERC-3643): many tokens in one namespace, keyed by token id, each
 * with a holder registry (KYC approved holders, freezes), mint and burn, transfers between
 * registered holders, forced transfer by the agent, pause, and record-date snapshots.
 *
 * <p>Custody: holders are ids in the registry, not Fabric identities. The token's issuer (the MSP
 * that created it, read from the creator's certificate) submits every write, a holder's own
 * transfers included, on the holder's instruction; any other creator is {@code UNAUTHORIZED}.
 * Anyone on the channel may evaluate the queries.
 *
 * <p>Record dates: {@link #Snapshot} reads every balance in one transaction and keeps them; the
 * block that commits it is the record block. The Java shim's {@code KeyModification} has no block
 * number, so "balance at block N" cannot be read from key history inside the chaincode; the
 * snapshot makes it a stored fact that a payout reads, and {@link #BalanceHistory} still shows each
 * balance's past values with their transactions.
 *
 * <p>Refusals are {@code ChaincodeException}s with a {@link TokenError} name as payload and at the
 * head of the message. Numbers are passed as text and checked here, so that a bad value is an
 * {@code INVALID_ARGUMENT} naming the argument rather than a conversion failure in the runtime.
 * Each submit emits one chaincode event named after what it did, with a JSON payload.
 */
@Contract(
    name = "TokenContract",
    info =
        @Info(
            title = "TwinLedger token",
            description =
                "Holdings of bond tokens by investor: a holder registry with freezes, mint and"
                    + " burn, transfers between registered holders, forced transfer, pause and"
                    + " record-date snapshots.",
            version = "0.2.0",
            license = @License(name = "Apache-2.0")))
public final class TokenContract implements ContractInterface {

  /** What this contract is and which functions it has. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public ContractDescription Describe(Context ctx) {
    return ContractDescription.of(getClass());
  }

  /**
   * Creates token {@code tokenId} paying in {@code currency}, administered by the creator's MSP.
   * Creating it again with the same currency by the same MSP returns it unchanged.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Token CreateToken(Context ctx, String tokenId, String currency) {
    id("tokenId", tokenId);
    checked(() -> Arguments.currency(currency));
    ChaincodeStub stub = ctx.getStub();
    String msp = ctx.getClientIdentity().getMSPID();
    Optional<Token> existing = token(stub, tokenId);
    if (existing.isPresent()) {
      Token token = existing.get();
      if (token.currency().equals(currency) && token.ownerMsp().equals(msp)) {
        return token;
      }
      throw TokenError.TOKEN_EXISTS.refuse(
          "token "
              + tokenId
              + " exists in "
              + token.currency()
              + ", issued by "
              + token.ownerMsp());
    }
    Token token = new Token(tokenId, currency, msp, false);
    stub.putState(TokenKeys.token(stub, tokenId), token.toState());
    ChainJson.event(stub, "TokenCreated", "tokenId", tokenId);
    return token;
  }

  /** The token {@code tokenId}. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public Token GetToken(Context ctx, String tokenId) {
    return existing(ctx.getStub(), id("tokenId", tokenId));
  }

  /** Stops holders' transfers; minting, burning, forced transfers and snapshots go on. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Token Pause(Context ctx, String tokenId) {
    return paused(ctx, tokenId, true);
  }

  /** Lets holders' transfers go on again. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Token Unpause(Context ctx, String tokenId) {
    return paused(ctx, tokenId, false);
  }

  /**
   * Admits holders whose KYC is approved: {@code holders} is a JSON array of holder ids. Holders
   * already registered keep their units and freeze.
   *
   * @return the accounts of the holders named, in the order given
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Account[] RegisterHolders(Context ctx, String tokenId, String holders) {
    Token token = administered(ctx, tokenId);
    List<String> ids = holderIds(holders);
    ChaincodeStub stub = ctx.getStub();
    List<Account> accounts = new ArrayList<>(ids.size());
    int registered = 0;
    for (String holder : ids) {
      Optional<Account> account = account(stub, token.tokenId(), holder);
      if (account.isPresent()) {
        accounts.add(account.get());
      } else {
        Account added = new Account(token.tokenId(), holder, 0, false);
        stub.putState(TokenKeys.account(stub, token.tokenId(), holder), added.toState());
        accounts.add(added);
        registered++;
      }
    }
    ChainJson.event(stub, "HoldersRegistered", "tokenId", tokenId, "registered", registered);
    return accounts.toArray(Account[]::new);
  }

  /** Freezes ({@code "true"}) or unfreezes ({@code "false"}) a registered holder. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Account SetFrozen(Context ctx, String tokenId, String holder, String frozen) {
    Token token = administered(ctx, tokenId);
    if (!"true".equals(frozen) && !"false".equals(frozen)) {
      throw TokenError.INVALID_ARGUMENT.refuse("frozen: true or false, not " + frozen);
    }
    ChaincodeStub stub = ctx.getStub();
    Account account = registered(stub, token.tokenId(), id("holder", holder));
    Account changed = account.withFrozen(Boolean.parseBoolean(frozen));
    stub.putState(TokenKeys.account(stub, token.tokenId(), holder), changed.toState());
    ChainJson.event(
        stub, "HolderFrozen", "tokenId", tokenId, "holder", holder, "frozen", changed.frozen());
    return changed;
  }

  /**
   * Mints to registered, unfrozen holders, once per {@code issuanceId}: {@code holdings} is a JSON
   * array of {@code {"holder": id, "units": n}} with positive units and no holder twice. The same
   * issuance again returns the first; the same id with other holdings is {@code ISSUANCE_EXISTS}.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Issuance Mint(Context ctx, String tokenId, String issuanceId, String holdings) {
    Token token = administered(ctx, tokenId);
    id("issuanceId", issuanceId);
    HolderUnits[] minted = holdings(holdings);
    ChaincodeStub stub = ctx.getStub();
    String key = TokenKeys.issuance(stub, tokenId, issuanceId);
    byte[] stored = stub.getState(key);
    if (stored != null && stored.length > 0) {
      Issuance earlier = Issuance.fromState(stored);
      if (earlier.sameHoldings(minted)) {
        return earlier;
      }
      throw TokenError.ISSUANCE_EXISTS.refuse(
          "issuance " + issuanceId + " of token " + tokenId + " minted other holdings");
    }
    long total = 0;
    for (HolderUnits holding : minted) {
      Account account = registered(stub, tokenId, holding.holder());
      if (account.frozen()) {
        throw TokenError.HOLDER_FROZEN.refuse(
            "holder " + holding.holder() + " of token " + tokenId + " is frozen");
      }
      total = addUnits("units of " + holding.holder(), total, holding.units());
      long units = addUnits("balance of " + holding.holder(), account.units(), holding.units());
      stub.putState(
          TokenKeys.account(stub, tokenId, holding.holder()), account.withUnits(units).toState());
    }
    Issuance issuance = new Issuance(token.tokenId(), issuanceId, total, minted, stub.getTxId());
    stub.putState(key, issuance.toState());
    ChainJson.event(
        stub, "Minted", "tokenId", tokenId, "issuanceId", issuanceId, "totalUnits", total);
    return issuance;
  }

  /** Burns {@code units} of a registered holder's (redemption). */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Account Burn(Context ctx, String tokenId, String holder, String units) {
    Token token = administered(ctx, tokenId);
    long burnt = units("units", units);
    ChaincodeStub stub = ctx.getStub();
    Account account = registered(stub, token.tokenId(), id("holder", holder));
    if (account.units() < burnt) {
      throw TokenError.INSUFFICIENT_UNITS.refuse(
          "holder " + holder + " has " + account.units() + " units, not " + burnt);
    }
    Account changed = account.withUnits(account.units() - burnt);
    stub.putState(TokenKeys.account(stub, tokenId, holder), changed.toState());
    ChainJson.event(stub, "Burnt", "tokenId", tokenId, "holder", holder, "units", burnt);
    return changed;
  }

  /**
   * A holder's transfer, submitted by the issuer on the holder's instruction: both holders
   * registered and unfrozen, the token not paused, enough units.
   *
   * @return the sender's and the receiver's accounts after it
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Account[] Transfer(Context ctx, String tokenId, String from, String to, String units) {
    Token token = administered(ctx, tokenId);
    long moved = units("units", units);
    Optional<Refusal> refusal = transferRefusal(ctx.getStub(), token, from, to, moved, false);
    if (refusal.isPresent()) {
      throw refusal.get().error().refuse(refusal.get().message());
    }
    return move(ctx.getStub(), token, from, to, moved, "Transferred", Optional.empty());
  }

  /**
   * A transfer by the issuer's agent, whatever the sender wants (lost keys, a court order): the
   * sender may be frozen and the token paused, but the receiver must be registered and unfrozen and
   * the sender must hold the units. {@code reason} is kept in the event.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public Account[] ForcedTransfer(
      Context ctx, String tokenId, String from, String to, String units, String reason) {
    Token token = administered(ctx, tokenId);
    long moved = units("units", units);
    if (reason == null || reason.isBlank()) {
      throw TokenError.INVALID_ARGUMENT.refuse("reason: a forced transfer states its reason");
    }
    Optional<Refusal> refusal = transferRefusal(ctx.getStub(), token, from, to, moved, true);
    if (refusal.isPresent()) {
      throw refusal.get().error().refuse(refusal.get().message());
    }
    return move(ctx.getStub(), token, from, to, moved, "ForcedTransfer", Optional.of(reason));
  }

  /**
   * The ERC-3643 pre-check: whether {@code Transfer} with these arguments would pass now, and if
   * not, the code it would refuse with. Bad arguments are refused as such.
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public TransferCheck CanTransfer(
      Context ctx, String tokenId, String from, String to, String units) {
    Token token = existing(ctx.getStub(), id("tokenId", tokenId));
    long moved = units("units", units);
    return transferRefusal(ctx.getStub(), token, from, to, moved, false)
        .map(r -> new TransferCheck(false, r.error().name(), r.message()))
        .orElse(new TransferCheck(true, "OK", ""));
  }

  /** A holder's account: units and freeze. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public Account BalanceOf(Context ctx, String tokenId, String holder) {
    ChaincodeStub stub = ctx.getStub();
    existing(stub, id("tokenId", tokenId));
    return registered(stub, tokenId, id("holder", holder));
  }

  /** The holders with units, in holder-id order. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public HolderUnits[] Balances(Context ctx, String tokenId) {
    ChaincodeStub stub = ctx.getStub();
    existing(stub, id("tokenId", tokenId));
    return holdings(stub, tokenId).toArray(HolderUnits[]::new);
  }

  /**
   * Fixes the record date of payment {@code paymentId}: reads every account of the token and keeps
   * the holders with units, with their total, under {@code snapshot~<tokenId>~<paymentId>}. The
   * block that commits this transaction is the record block. A second snapshot of the same payment
   * returns the first, whatever moved since.
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public TokenSnapshot Snapshot(Context ctx, String tokenId, String paymentId) {
    Token token = administered(ctx, tokenId);
    id("paymentId", paymentId);
    ChaincodeStub stub = ctx.getStub();
    String key = TokenKeys.snapshot(stub, tokenId, paymentId);
    byte[] stored = stub.getState(key);
    if (stored != null && stored.length > 0) {
      return TokenSnapshot.fromState(stored);
    }
    List<HolderUnits> holdings = holdings(stub, token.tokenId());
    long total = 0;
    for (HolderUnits holding : holdings) {
      total = addUnits("total units", total, holding.units());
    }
    TokenSnapshot snapshot =
        new TokenSnapshot(
            tokenId,
            paymentId,
            total,
            holdings.toArray(HolderUnits[]::new),
            stub.getTxId(),
            stub.getTxTimestamp().toString());
    stub.putState(key, snapshot.toState());
    ChainJson.event(
        stub,
        "SnapshotTaken",
        "tokenId",
        tokenId,
        "paymentId",
        paymentId,
        "holders",
        holdings.size(),
        "totalUnits",
        total,
        "txId",
        stub.getTxId());
    return snapshot;
  }

  /** The snapshot of payment {@code paymentId}; {@code SNAPSHOT_NOT_FOUND} if none was taken. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public TokenSnapshot SnapshotOf(Context ctx, String tokenId, String paymentId) {
    ChaincodeStub stub = ctx.getStub();
    byte[] stored =
        stub.getState(TokenKeys.snapshot(stub, id("tokenId", tokenId), id("paymentId", paymentId)));
    if (stored == null || stored.length == 0) {
      throw TokenError.SNAPSHOT_NOT_FOUND.refuse(
          "token " + tokenId + " has no snapshot for payment " + paymentId);
    }
    return TokenSnapshot.fromState(stored);
  }

  /**
   * Every write of a holder's account, newest first, from the key's history: the balance at any
   * past transaction.
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public BalanceChange[] BalanceHistory(Context ctx, String tokenId, String holder) {
    ChaincodeStub stub = ctx.getStub();
    registered(stub, id("tokenId", tokenId), id("holder", holder));
    List<BalanceChange> changes = new ArrayList<>();
    try (QueryResultsIterator<KeyModification> history =
        stub.getHistoryForKey(TokenKeys.account(stub, tokenId, holder))) {
      for (KeyModification change : history) {
        if (!change.isDeleted()) {
          Account account = Account.fromState(change.getValue());
          changes.add(
              new BalanceChange(
                  change.getTxId(),
                  change.getTimestamp().toString(),
                  account.units(),
                  account.frozen()));
        }
      }
    } catch (Exception e) {
      throw closing(e);
    }
    return changes.toArray(BalanceChange[]::new);
  }

  /** Why a transfer may not happen: an error code and a one-line message. */
  private record Refusal(TokenError error, String message) {}

  private static Optional<Refusal> transferRefusal(
      ChaincodeStub stub, Token token, String from, String to, long units, boolean forced) {
    id("from", from);
    id("to", to);
    if (from.equals(to)) {
      throw TokenError.INVALID_ARGUMENT.refuse("to: the same holder as from, " + from);
    }
    if (token.paused() && !forced) {
      return Optional.of(
          new Refusal(TokenError.TOKEN_PAUSED, "token " + token.tokenId() + " is paused"));
    }
    Optional<Account> sender = account(stub, token.tokenId(), from);
    Optional<Account> receiver = account(stub, token.tokenId(), to);
    if (sender.isEmpty() || receiver.isEmpty()) {
      return Optional.of(
          new Refusal(
              TokenError.HOLDER_NOT_REGISTERED,
              (sender.isEmpty() ? "from: " + from : "to: " + to)
                  + " is not a registered holder of token "
                  + token.tokenId()));
    }
    if (sender.get().frozen() && !forced) {
      return Optional.of(new Refusal(TokenError.HOLDER_FROZEN, "from: " + from + " is frozen"));
    }
    if (receiver.get().frozen()) {
      return Optional.of(new Refusal(TokenError.HOLDER_FROZEN, "to: " + to + " is frozen"));
    }
    if (sender.get().units() < units) {
      return Optional.of(
          new Refusal(
              TokenError.INSUFFICIENT_UNITS,
              "from: " + from + " has " + sender.get().units() + " units, not " + units));
    }
    return Optional.empty();
  }

  /** Moves units between two accounts that {@link #transferRefusal} let through. */
  private static Account[] move(
      ChaincodeStub stub,
      Token token,
      String from,
      String to,
      long units,
      String eventName,
      Optional<String> reason) {
    Account sender = registered(stub, token.tokenId(), from);
    Account receiver = registered(stub, token.tokenId(), to);
    Account sent = sender.withUnits(sender.units() - units);
    Account received = receiver.withUnits(addUnits("balance of " + to, receiver.units(), units));
    stub.putState(TokenKeys.account(stub, token.tokenId(), from), sent.toState());
    stub.putState(TokenKeys.account(stub, token.tokenId(), to), received.toState());
    if (reason.isPresent()) {
      ChainJson.event(
          stub,
          eventName,
          "tokenId",
          token.tokenId(),
          "from",
          from,
          "to",
          to,
          "units",
          units,
          "reason",
          reason.get());
    } else {
      ChainJson.event(
          stub, eventName, "tokenId", token.tokenId(), "from", from, "to", to, "units", units);
    }
    return new Account[] {sent, received};
  }

  private static Token paused(Context ctx, String tokenId, boolean pause) {
    Token token = administered(ctx, tokenId).withPaused(pause);
    ChaincodeStub stub = ctx.getStub();
    stub.putState(TokenKeys.token(stub, tokenId), token.toState());
    ChainJson.event(stub, pause ? "TokenPaused" : "TokenUnpaused", "tokenId", tokenId);
    return token;
  }

  /** Holders with units, in holder-id order (the key order of the range). */
  private static List<HolderUnits> holdings(ChaincodeStub stub, String tokenId) {
    List<HolderUnits> holdings = new ArrayList<>();
    try (QueryResultsIterator<KeyValue> accounts =
        stub.getStateByPartialCompositeKey(TokenKeys.accounts(stub, tokenId))) {
      for (KeyValue entry : accounts) {
        Account account = Account.fromState(entry.getValue());
        if (account.units() > 0) {
          holdings.add(new HolderUnits(account.holder(), account.units()));
        }
      }
    } catch (Exception e) {
      throw closing(e);
    }
    // Key order is UTF-8 byte order; holder ids are ASCII (TokenKeys), where it is the same.
    holdings.sort(Comparator.comparing(HolderUnits::holder));
    return holdings;
  }

  /** The token, which the creator's MSP must administer. */
  private static Token administered(Context ctx, String tokenId) {
    Token token = existing(ctx.getStub(), id("tokenId", tokenId));
    String msp = ctx.getClientIdentity().getMSPID();
    if (!token.ownerMsp().equals(msp)) {
      throw TokenError.UNAUTHORIZED.refuse(
          "token " + tokenId + " is administered by " + token.ownerMsp() + ", not " + msp);
    }
    return token;
  }

  private static Token existing(ChaincodeStub stub, String tokenId) {
    return token(stub, tokenId)
        .orElseThrow(() -> TokenError.TOKEN_NOT_FOUND.refuse("no token " + tokenId));
  }

  private static Optional<Token> token(ChaincodeStub stub, String tokenId) {
    byte[] value = stub.getState(TokenKeys.token(stub, tokenId));
    return value == null || value.length == 0
        ? Optional.empty()
        : Optional.of(Token.fromState(value));
  }

  private static Account registered(ChaincodeStub stub, String tokenId, String holder) {
    return account(stub, tokenId, holder)
        .orElseThrow(
            () ->
                TokenError.HOLDER_NOT_REGISTERED.refuse(
                    holder + " is not a registered holder of token " + tokenId));
  }

  private static Optional<Account> account(ChaincodeStub stub, String tokenId, String holder) {
    byte[] value = stub.getState(TokenKeys.account(stub, tokenId, holder));
    return value == null || value.length == 0
        ? Optional.empty()
        : Optional.of(Account.fromState(value));
  }

  private static List<String> holderIds(String json) {
    JSONArray array;
    try {
      array = new JSONArray(json);
    } catch (JSONException e) {
      throw TokenError.INVALID_ARGUMENT.refuse("holders: not a JSON array of holder ids");
    }
    if (array.isEmpty()) {
      throw TokenError.INVALID_ARGUMENT.refuse("holders: at least one holder id");
    }
    List<String> ids = new ArrayList<>(array.length());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.length(); i++) {
      String holder = array.opt(i) instanceof String s ? s : null;
      id("holders[" + i + "]", holder);
      if (!seen.add(holder)) {
        throw TokenError.INVALID_ARGUMENT.refuse(
            "holders[" + i + "]: " + holder + " appears twice");
      }
      ids.add(holder);
    }
    return ids;
  }

  /** The mint argument, checked and sorted by holder id. */
  private static HolderUnits[] holdings(String json) {
    JSONArray array;
    try {
      array = new JSONArray(json);
    } catch (JSONException e) {
      throw TokenError.INVALID_ARGUMENT.refuse(
          "holdings: not a JSON array of {\"holder\", \"units\"}");
    }
    if (array.isEmpty()) {
      throw TokenError.INVALID_ARGUMENT.refuse("holdings: at least one holding");
    }
    HolderUnits[] holdings = new HolderUnits[array.length()];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.length(); i++) {
      String path = "holdings[" + i + "]";
      if (!(array.opt(i) instanceof JSONObject holding)) {
        throw TokenError.INVALID_ARGUMENT.refuse(path + ": not an object");
      }
      String holder = holding.opt("holder") instanceof String s ? s : null;
      id(path + ".holder", holder);
      if (!seen.add(holder)) {
        throw TokenError.INVALID_ARGUMENT.refuse(path + ".holder: " + holder + " appears twice");
      }
      Object units = holding.opt("units");
      if (!(units instanceof Integer || units instanceof Long)
          || ((Number) units).longValue() <= 0) {
        throw TokenError.INVALID_ARGUMENT.refuse(
            path + ".units: a positive whole number, not " + units);
      }
      holdings[i] = new HolderUnits(holder, ((Number) units).longValue());
    }
    Arrays.sort(holdings, Comparator.comparing(HolderUnits::holder));
    return holdings;
  }

  private static String id(String name, String id) {
    return checked(() -> Arguments.id(name, id));
  }

  private static long units(String name, String decimal) {
    return checked(() -> Arguments.whole(name, decimal, false));
  }

  private static long addUnits(String what, long a, long b) {
    return checked(() -> Arguments.sum(what, a, b));
  }

  /** {@code check}'s result, or its {@link IllegalArgumentException} as an INVALID_ARGUMENT. */
  private static <T> T checked(Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw TokenError.INVALID_ARGUMENT.refuse(e.getMessage());
    }
  }

  /** {@code QueryResultsIterator.close} is declared to throw Exception; closing tells the peer. */
  private static RuntimeException closing(Exception e) {
    return e instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException("closing a query failed", e);
  }
}

package io.twinledger.contracts.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.chaincode.ChaincodePeer;
import io.twinledger.contracts.chaincode.ChaincodePeer.Endorsement;
import io.twinledger.contracts.chaincode.ChaincodePeer.Submitted;
import io.twinledger.contracts.chaincode.ChaincodePeer.Validation;
import io.twinledger.contracts.chaincode.InProcessChaincode;
import io.twinledger.contracts.chaincode.TestIdentity;
import io.twinledger.contracts.chaincode.TestMsp;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenContract} served by the shim's chaincode server and driven over gRPC by a {@link
 * ChaincodePeer} with Fabric semantics: the city's finance office issues token {@code riverton-gb}
 * to three registered holders.
 */
class TokenContractTest {

  private static final TestIdentity ISSUER = TestMsp.create("CityFinanceMSP").enrol("treasurer");
  private static final TestIdentity WATER = TestMsp.create("WaterUtilityMSP").enrol("operator");
  private static final String TOKEN = "riverton-gb";

  private ChaincodePeer peer;

  @BeforeEach
  void issue() {
    peer = InProcessChaincode.connect();
    valid(submit(ISSUER, "CreateToken", TOKEN, "USD"));
    valid(submit(ISSUER, "RegisterHolders", TOKEN, "[\"alice\",\"bob\",\"carol\"]"));
    valid(
        submit(
            ISSUER,
            "Mint",
            TOKEN,
            "issue-1",
            "[{\"holder\":\"bob\",\"units\":50},{\"holder\":\"alice\",\"units\":100}]"));
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    peer.close();
  }

  @Test
  void aMintCreditsRegisteredHoldersAndATransferMovesUnits() {
    assertThat(balances()).containsExactly(Map.entry("alice", 100L), Map.entry("bob", 50L));

    Submitted transfer = valid(submit(ISSUER, "Transfer", TOKEN, "alice", "carol", "30"));

    JSONArray accounts = new JSONArray(transfer.payload());
    assertThat(accounts.getJSONObject(0).getLong("units")).isEqualTo(70);
    assertThat(accounts.getJSONObject(1).getString("holder")).isEqualTo("carol");
    assertThat(balances())
        .containsExactly(Map.entry("alice", 70L), Map.entry("bob", 50L), Map.entry("carol", 30L));
    ChaincodeEvent event = peer.events().getLast();
    assertThat(event.getEventName()).isEqualTo("Transferred");
    assertThat(event.getPayload().toStringUtf8())
        .isEqualTo(
            "{\"tokenId\":\"riverton-gb\",\"from\":\"alice\",\"to\":\"carol\",\"units\":30}");
    assertThat(new JSONObject(evaluate("BalanceOf", TOKEN, "carol").payload()).getLong("units"))
        .isEqualTo(30);
  }

  @Test
  void aMintIsIdempotentByIssuanceIdAndAnotherUnderTheSameIdIsRefused() {
    Submitted again =
        valid(
            submit(
                ISSUER,
                "Mint",
                TOKEN,
                "issue-1",
                "[{\"holder\":\"alice\",\"units\":100},{\"holder\":\"bob\",\"units\":50}]"));
    assertThat(new JSONObject(again.payload()).getLong("totalUnits")).isEqualTo(150);
    assertThat(new JSONObject(again.payload()).getString("txId"))
        .isNotEqualTo(again.endorsement().txId());
    assertThat(balances()).containsExactly(Map.entry("alice", 100L), Map.entry("bob", 50L));

    refused(
        submit(ISSUER, "Mint", TOKEN, "issue-1", "[{\"holder\":\"alice\",\"units\":101}]"),
        "ISSUANCE_EXISTS");
    assertThat(balances()).containsExactly(Map.entry("alice", 100L), Map.entry("bob", 50L));
  }

  @Test
  void transfersOnlyBetweenRegisteredUnfrozenHoldersOfAnUnpausedTokenWithEnoughUnits() {
    refused(submit(ISSUER, "Transfer", TOKEN, "alice", "mallory", "1"), "HOLDER_NOT_REGISTERED");
    refused(submit(ISSUER, "Transfer", TOKEN, "mallory", "alice", "1"), "HOLDER_NOT_REGISTERED");
    refused(submit(ISSUER, "Transfer", TOKEN, "bob", "alice", "51"), "INSUFFICIENT_UNITS");

    valid(submit(ISSUER, "SetFrozen", TOKEN, "bob", "true"));
    refused(submit(ISSUER, "Transfer", TOKEN, "bob", "alice", "1"), "HOLDER_FROZEN");
    refused(submit(ISSUER, "Transfer", TOKEN, "alice", "bob", "1"), "HOLDER_FROZEN");
    assertThat(check("bob", "alice", "1")).isEqualTo("HOLDER_FROZEN");
    valid(submit(ISSUER, "SetFrozen", TOKEN, "bob", "false"));

    valid(submit(ISSUER, "Pause", TOKEN));
    refused(submit(ISSUER, "Transfer", TOKEN, "alice", "bob", "1"), "TOKEN_PAUSED");
    assertThat(check("alice", "bob", "1")).isEqualTo("TOKEN_PAUSED");
    valid(submit(ISSUER, "Unpause", TOKEN));

    assertThat(check("alice", "carol", "100")).isEqualTo("OK");
    assertThat(check("alice", "carol", "101")).isEqualTo("INSUFFICIENT_UNITS");
    assertThat(check("alice", "mallory", "1")).isEqualTo("HOLDER_NOT_REGISTERED");
    assertThat(balances()).containsExactly(Map.entry("alice", 100L), Map.entry("bob", 50L));
  }

  @Test
  void aForcedTransferRecoversAFrozenHoldersUnitsButNeedsARegisteredUnfrozenReceiver() {
    valid(submit(ISSUER, "SetFrozen", TOKEN, "bob", "true"));
    valid(submit(ISSUER, "Pause", TOKEN));

    refused(
        submit(ISSUER, "ForcedTransfer", TOKEN, "bob", "mallory", "50", "lost keys"),
        "HOLDER_NOT_REGISTERED");
    refused(submit(ISSUER, "ForcedTransfer", TOKEN, "bob", "carol", "50", " "), "INVALID_ARGUMENT");
    valid(submit(ISSUER, "ForcedTransfer", TOKEN, "bob", "carol", "50", "lost keys"));

    assertThat(balances()).containsExactly(Map.entry("alice", 100L), Map.entry("carol", 50L));
    assertThat(peer.events().getLast().getEventName()).isEqualTo("ForcedTransfer");
    assertThat(new JSONObject(peer.events().getLast().getPayload().toStringUtf8()).get("reason"))
        .isEqualTo("lost keys");
    valid(submit(ISSUER, "SetFrozen", TOKEN, "carol", "true"));
    refused(
        submit(ISSUER, "ForcedTransfer", TOKEN, "alice", "carol", "1", "court order"),
        "HOLDER_FROZEN");
  }

  @Test
  void onlyTheIssuingOrganisationAdministersItsToken() {
    refused(
        submit(WATER, "Mint", TOKEN, "forged", "[{\"holder\":\"alice\",\"units\":1000}]"),
        "UNAUTHORIZED");
    refused(submit(WATER, "Transfer", TOKEN, "alice", "bob", "100"), "UNAUTHORIZED");
    refused(submit(WATER, "Pause", TOKEN), "UNAUTHORIZED");
    refused(submit(WATER, "RegisterHolders", TOKEN, "[\"mallory\"]"), "UNAUTHORIZED");
    refused(submit(WATER, "Snapshot", TOKEN, "coupon-1"), "UNAUTHORIZED");
    refused(submit(WATER, "CreateToken", TOKEN, "USD"), "TOKEN_EXISTS");
    refused(submit(ISSUER, "CreateToken", TOKEN, "EUR"), "TOKEN_EXISTS");
    valid(submit(ISSUER, "CreateToken", TOKEN, "USD"));

    assertThat(balances()).containsExactly(Map.entry("alice", 100L), Map.entry("bob", 50L));
    assertThat(new JSONObject(evaluate("GetToken", TOKEN).payload()).getString("ownerMsp"))
        .isEqualTo("CityFinanceMSP");
  }

  @Test
  void aSnapshotFixesTheRecordDateHoldingsWhateverMovesLater() {
    Submitted taken = valid(submit(ISSUER, "Snapshot", TOKEN, "coupon-1"));
    valid(submit(ISSUER, "Transfer", TOKEN, "alice", "carol", "60"));
    Submitted again = valid(submit(ISSUER, "Snapshot", TOKEN, "coupon-1"));

    for (Submitted snapshot : List.of(taken, again)) {
      JSONObject json = new JSONObject(snapshot.payload());
      assertThat(json.getLong("totalUnits")).isEqualTo(150);
      assertThat(json.getString("txId")).isEqualTo(taken.endorsement().txId());
      assertThat(json.getJSONArray("holdings").toString())
          .isEqualTo("[{\"holder\":\"alice\",\"units\":100},{\"holder\":\"bob\",\"units\":50}]");
    }
    assertThat(balances())
        .containsExactly(Map.entry("alice", 40L), Map.entry("bob", 50L), Map.entry("carol", 60L));
    assertThat(new JSONObject(evaluate("SnapshotOf", TOKEN, "coupon-1").payload()).toString())
        .isEqualTo(new JSONObject(taken.payload()).toString());
    assertThat(peer.events().stream().filter(e -> e.getEventName().equals("SnapshotTaken")))
        .hasSize(1);
  }

  @Test
  void aBurnTakesUnitsTheHolderHas() {
    refused(submit(ISSUER, "Burn", TOKEN, "bob", "51"), "INSUFFICIENT_UNITS");
    valid(submit(ISSUER, "Burn", TOKEN, "bob", "50"));

    assertThat(balances()).containsExactly(Map.entry("alice", 100L));
  }

  @Test
  void badArgumentsAreRefusedNamingTheArgument() {
    assertThat(refused(submit(ISSUER, "Transfer", TOKEN, "alice", "bob", "-1"), "INVALID_ARGUMENT"))
        .contains("units");
    assertThat(refused(submit(ISSUER, "Transfer", TOKEN, "alice", "bob", "0"), "INVALID_ARGUMENT"))
        .contains("units");
    assertThat(
            refused(submit(ISSUER, "Transfer", TOKEN, "alice", "alice", "1"), "INVALID_ARGUMENT"))
        .contains("to:");
    assertThat(refused(submit(ISSUER, "RegisterHolders", TOKEN, "alice"), "INVALID_ARGUMENT"))
        .contains("holders");
    assertThat(
            refused(
                submit(ISSUER, "RegisterHolders", TOKEN, "[\"dave\",\"has space\"]"),
                "INVALID_ARGUMENT"))
        .contains("holders[1]");
    assertThat(
            refused(
                submit(
                    ISSUER,
                    "Mint",
                    TOKEN,
                    "issue-2",
                    "[{\"holder\":\"alice\",\"units\":1},{\"holder\":\"bob\",\"units\":0}]"),
                "INVALID_ARGUMENT"))
        .contains("holdings[1].units");
    assertThat(
            refused(
                submit(ISSUER, "Mint", TOKEN, "issue-2", "[{\"holder\":\"mallory\",\"units\":1}]"),
                "HOLDER_NOT_REGISTERED"))
        .contains("mallory");
    assertThat(refused(submit(ISSUER, "SetFrozen", TOKEN, "bob", "yes"), "INVALID_ARGUMENT"))
        .contains("frozen");
    assertThat(refused(submit(ISSUER, "CreateToken", "other", "usd"), "INVALID_ARGUMENT"))
        .contains("currency");
    refused(submit(ISSUER, "Pause", "no-such-token"), "TOKEN_NOT_FOUND");
    refused(submit(ISSUER, "SnapshotOf", TOKEN, "no-such-payment"), "SNAPSHOT_NOT_FOUND");
    assertThat(balances()).containsExactly(Map.entry("alice", 100L), Map.entry("bob", 50L));
  }

  private Map<String, Long> balances() {
    JSONArray holdings = new JSONArray(evaluate("Balances", TOKEN).payload());
    Map<String, Long> balances = new java.util.LinkedHashMap<>();
    for (int i = 0; i < holdings.length(); i++) {
      balances.put(
          holdings.getJSONObject(i).getString("holder"),
          holdings.getJSONObject(i).getLong("units"));
    }
    return balances;
  }

  private String check(String from, String to, String units) {
    return new JSONObject(evaluate("CanTransfer", TOKEN, from, to, units).payload())
        .getString("code");
  }

  private Endorsement evaluate(String function, String... args) {
    Endorsement endorsement = peer.endorse(ISSUER, "TokenContract:" + function, args);
    assertThat(endorsement.status()).as(endorsement.message()).isEqualTo(200);
    return endorsement;
  }

  private Submitted submit(TestIdentity creator, String function, String... args) {
    return peer.submit(creator, "TokenContract:" + function, args);
  }

  private static Submitted valid(Submitted submitted) {
    assertThat(submitted.validation()).as(submitted.message()).isEqualTo(Validation.VALID);
    return submitted;
  }

  /** Asserts the refusal's code, as payload and at the head of the message; returns the message. */
  private static String refused(Submitted submitted, String code) {
    assertThat(submitted.validation()).isEqualTo(Validation.ENDORSEMENT_FAILURE);
    assertThat(submitted.payload()).as(submitted.message()).isEqualTo(code);
    assertThat(submitted.message()).startsWith(code + ": ");
    return submitted.message();
  }
}

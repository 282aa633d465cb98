package io.twinledger.contracts.bond;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.contracts.chaincode.ChaincodePeer;
import io.twinledger.contracts.chaincode.ChaincodePeer.Endorsement;
import io.twinledger.contracts.chaincode.ChaincodePeer.Submitted;
import io.twinledger.contracts.chaincode.ChaincodePeer.Validation;
import io.twinledger.contracts.chaincode.InProcessChaincode;
import io.twinledger.contracts.chaincode.TestIdentity;
import io.twinledger.contracts.chaincode.TestMsp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BondRegistryContract} beside {@code TokenContract} in one chaincode, driven over gRPC by a
 * {@link ChaincodePeer}: bond {@code riverton-gb} pays the holders of its token of the same id,
 * alice, bob and carol with one unit each.
 */
class BondRegistryContractTest {

  private static final TestIdentity ISSUER = TestMsp.create("CityFinanceMSP").enrol("treasurer");
  private static final TestIdentity WATER = TestMsp.create("WaterUtilityMSP").enrol("operator");
  private static final String BOND = "riverton-gb";
  private static final String TERMS = "ab".repeat(32);
  private static final String EVIDENCE =
      """
      {"payer": "ISSUER", "amountMinor": "100", "kpi": "runoff-reduction",
       "feature": "eib-outcome",
       "periods": [{"asset": "gi-rock-creek-a", "kpi": "runoff-reduction", "month": "2021-03",
                    "revision": 2}],
       "leafIndexes": [1041, 1042],
       "checkpoint": {"log": "riverton-audit", "size": 1200, "root": "%s"}}
      """
          .formatted("cd".repeat(32));

  private ChaincodePeer peer;

  @BeforeEach
  void issue() {
    peer = InProcessChaincode.connect();
    valid(token(ISSUER, "CreateToken", BOND, "USD"));
    valid(token(ISSUER, "RegisterHolders", BOND, "[\"carol\",\"bob\",\"alice\"]"));
    valid(
        token(
            ISSUER,
            "Mint",
            BOND,
            "issue-1",
            "[{\"holder\":\"alice\",\"units\":1},{\"holder\":\"bob\",\"units\":1},"
                + "{\"holder\":\"carol\",\"units\":1}]"));
    valid(bond(ISSUER, "RegisterBond", BOND, TERMS, BOND, "USD"));
    valid(bond(ISSUER, "FundCash", "USD", "1000"));
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    peer.close();
  }

  @Test
  void aPayoutSplitsThePaymentExactlyOverTheSnapshotWithTiesToTheSmallerHolderId() {
    valid(token(ISSUER, "Snapshot", BOND, "coupon-1"));
    valid(token(ISSUER, "Transfer", BOND, "carol", "alice", "1"));

    Submitted paid = valid(bond(ISSUER, "Pay", BOND, "coupon-1", "100", "USD", ""));

    JSONObject payout = new JSONObject(paid.payload());
    assertThat(amounts(payout))
        .containsExactly(Map.entry("alice", 34L), Map.entry("bob", 33L), Map.entry("carol", 33L));
    assertThat(payout.getString("allocationDigest"))
        .isEqualTo(sha256("alice\t34\nbob\t33\ncarol\t33\n"));
    assertThat(payout.getString("txId")).isEqualTo(paid.endorsement().txId());
    assertThat(payout.getLong("totalUnits")).isEqualTo(3);
    assertThat(cash("alice")).isEqualTo(34);
    assertThat(cash("carol")).isEqualTo(33);
    assertThat(issuerCash()).isEqualTo(900);
    assertThat(peer.events().getLast().getEventName())
        .isEqualTo(BondRegistryContract.PAYOUT_RECORDED);
    assertThat(new JSONObject(peer.events().getLast().getPayload().toStringUtf8()).toMap())
        .containsEntry("allocationDigest", payout.getString("allocationDigest"))
        .containsEntry("holders", 3);
  }

  @Test
  void payingAPaymentAgainReturnsTheRecordedPayoutAndAnotherAmountIsRefused() {
    valid(token(ISSUER, "Snapshot", BOND, "coupon-1"));
    Submitted first = valid(bond(ISSUER, "Pay", BOND, "coupon-1", "100", "USD", ""));

    Submitted again = valid(bond(ISSUER, "Pay", BOND, "coupon-1", "100", "USD", ""));

    assertThat(new JSONObject(again.payload()).similar(new JSONObject(first.payload()))).isTrue();
    assertThat(cash("alice")).isEqualTo(34);
    assertThat(issuerCash()).isEqualTo(900);
    assertThat(
            peer.events().stream()
                .filter(e -> e.getEventName().equals(BondRegistryContract.PAYOUT_RECORDED)))
        .hasSize(1);
    assertThat(refused(bond(ISSUER, "Pay", BOND, "coupon-1", "101", "USD", ""), "PAYOUT_EXISTS"))
        .contains("was paid with 100 USD");
    JSONArray payouts = new JSONArray(evaluate("Payouts", BOND).payload());
    assertThat(payouts.length()).isEqualTo(1);
    assertThat(new JSONObject(evaluate("Payout", BOND, "coupon-1").payload()).getString("txId"))
        .isEqualTo(first.endorsement().txId());
  }

  @Test
  void aPayoutNeedsASnapshotTheIssuersCashAndTheIssuer() {
    refused(bond(ISSUER, "Pay", BOND, "coupon-1", "100", "USD", ""), "SNAPSHOT_NOT_FOUND");
    valid(token(ISSUER, "Snapshot", BOND, "coupon-1"));
    refused(bond(ISSUER, "Pay", BOND, "coupon-1", "1001", "USD", ""), "INSUFFICIENT_CASH");
    refused(bond(WATER, "Pay", BOND, "coupon-1", "100", "USD", ""), "UNAUTHORIZED");
    assertThat(refused(bond(ISSUER, "Pay", BOND, "coupon-1", "100", "EUR", ""), "INVALID_ARGUMENT"))
        .contains("currency");
    assertThat(refused(bond(ISSUER, "Pay", BOND, "coupon-1", "1.5", "USD", ""), "INVALID_ARGUMENT"))
        .contains("amountMinor");
    refused(bond(ISSUER, "Payout", BOND, "coupon-1"), "PAYOUT_NOT_FOUND");
    assertThat(cash("alice")).isZero();
    assertThat(issuerCash()).isEqualTo(1000);
  }

  @Test
  void aPerformancePaymentPaysOnlyARecordedDeterminationOfItsAmount() {
    valid(token(ISSUER, "Snapshot", BOND, "outcome-2021"));
    refused(
        bond(ISSUER, "Pay", BOND, "outcome-2021", "100", "USD", "eib-2021"),
        "PAYMENT_NOT_DETERMINED");

    Submitted recorded = valid(bond(ISSUER, "RecordDetermination", BOND, "eib-2021", EVIDENCE));
    JSONObject determination = new JSONObject(recorded.payload());
    assertThat(
            new JSONObject(determination.getString("evidence"))
                .getJSONObject("checkpoint")
                .getLong("size"))
        .isEqualTo(1200);
    assertThat(determination.getString("evidence"))
        .startsWith("{\"feature\":\"eib-outcome\",\"kpi\":\"runoff-reduction\",\"periods\":");
    refused(
        bond(ISSUER, "Pay", BOND, "outcome-2021", "99", "USD", "eib-2021"),
        "PAYMENT_NOT_DETERMINED");

    Submitted paid = valid(bond(ISSUER, "Pay", BOND, "outcome-2021", "100", "USD", "eib-2021"));
    assertThat(new JSONObject(paid.payload()).getString("determinationId")).isEqualTo("eib-2021");
    refused(bond(ISSUER, "Pay", BOND, "outcome-2021", "100", "USD", ""), "PAYOUT_EXISTS");
  }

  @Test
  void aDeterminationIsRecordedOnceWithItsEvidenceCheckedField() {
    valid(bond(ISSUER, "RecordDetermination", BOND, "eib-2021", EVIDENCE));
    Submitted again =
        valid(
            bond(
                ISSUER,
                "RecordDetermination",
                BOND,
                "eib-2021",
                new JSONObject(EVIDENCE).toString()));
    assertThat(peer.events().stream().filter(e -> e.getEventName().equals("DeterminationRecorded")))
        .hasSize(1);
    assertThat(new JSONObject(again.payload()).getString("amountMinor")).isEqualTo("100");
    refused(
        bond(
            ISSUER,
            "RecordDetermination",
            BOND,
            "eib-2021",
            EVIDENCE.replace("\"100\"", "\"200\"")),
        "DETERMINATION_EXISTS");

    assertThat(
            refused(
                bond(
                    ISSUER,
                    "RecordDetermination",
                    BOND,
                    "d2",
                    EVIDENCE.replace("2021-03", "2021-13")),
                "INVALID_ARGUMENT"))
        .contains("evidence.periods[0].month");
    assertThat(
            refused(
                bond(ISSUER, "RecordDetermination", BOND, "d2", EVIDENCE.replace("1042", "-1")),
                "INVALID_ARGUMENT"))
        .contains("evidence.leafIndexes[1]");
    assertThat(
            refused(
                bond(ISSUER, "RecordDetermination", BOND, "d2", EVIDENCE.replace("ISSUER", "CITY")),
                "INVALID_ARGUMENT"))
        .contains("evidence.payer");
    refused(bond(WATER, "RecordDetermination", BOND, "d2", EVIDENCE), "UNAUTHORIZED");
  }

  @Test
  void onlyTheTokensIssuerRegistersABondOnItOnce() {
    refused(bond(WATER, "RegisterBond", "forged", TERMS, BOND, "USD"), "UNAUTHORIZED");
    refused(bond(ISSUER, "RegisterBond", "other", TERMS, "no-token", "USD"), "TOKEN_NOT_FOUND");
    refused(bond(ISSUER, "RegisterBond", BOND, "ef".repeat(32), BOND, "USD"), "BOND_EXISTS");
    assertThat(refused(bond(ISSUER, "RegisterBond", "b2", "xyz", BOND, "USD"), "INVALID_ARGUMENT"))
        .contains("termsHash");
    valid(bond(ISSUER, "RegisterBond", BOND, TERMS, BOND, "USD"));
    assertThat(new JSONObject(evaluate("GetBond", BOND).payload()).getString("ownerMsp"))
        .isEqualTo("CityFinanceMSP");
  }

  @Test
  void termsAreRevisedOnlyBeforeTheTokenIsIssued() {
    valid(token(ISSUER, "CreateToken", "gb-new", "USD"));
    valid(bond(ISSUER, "RegisterBond", "gb-new", TERMS, "gb-new", "USD"));

    Submitted revised = valid(bond(ISSUER, "ReviseTerms", "gb-new", "ef".repeat(32)));

    assertThat(new JSONObject(revised.payload()).getString("termsHash")).isEqualTo("ef".repeat(32));
    assertThat(new JSONObject(evaluate("GetBond", "gb-new").payload()).getString("termsHash"))
        .isEqualTo("ef".repeat(32));
    refused(bond(WATER, "ReviseTerms", "gb-new", TERMS), "UNAUTHORIZED");
    refused(bond(ISSUER, "ReviseTerms", BOND, "ef".repeat(32)), "BOND_ISSUED");
    assertThat(new JSONObject(evaluate("GetBond", BOND).payload()).getString("termsHash"))
        .isEqualTo(TERMS);
  }

  private static Map<String, Long> amounts(JSONObject payout) {
    JSONArray payouts = payout.getJSONArray("payouts");
    Map<String, Long> amounts = new LinkedHashMap<>();
    long sum = 0;
    for (int i = 0; i < payouts.length(); i++) {
      long amount = Long.parseLong(payouts.getJSONObject(i).getString("amountMinor"));
      amounts.put(payouts.getJSONObject(i).getString("holder"), amount);
      sum += amount;
    }
    assertThat(sum).isEqualTo(Long.parseLong(payout.getString("amountMinor")));
    return amounts;
  }

  private long cash(String holder) {
    return Long.parseLong(
        new JSONObject(evaluate("CashBalance", "USD", holder).payload()).getString("amountMinor"));
  }

  private long issuerCash() {
    return Long.parseLong(
        new JSONObject(evaluate("IssuerCash", "USD", "CityFinanceMSP").payload())
            .getString("amountMinor"));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Endorsement evaluate(String function, String... args) {
    Endorsement endorsement = peer.endorse(ISSUER, "BondRegistryContract:" + function, args);
    assertThat(endorsement.status()).as(endorsement.message()).isEqualTo(200);
    return endorsement;
  }

  private Submitted bond(TestIdentity creator, String function, String... args) {
    return peer.submit(creator, "BondRegistryContract:" + function, args);
  }

  private Submitted token(TestIdentity creator, String function, String... args) {
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

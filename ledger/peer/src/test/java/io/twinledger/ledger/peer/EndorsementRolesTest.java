package io.twinledger.ledger.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.ledger.peer.fixture.Forgery;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import io.twinledger.ledger.peer.fixture.TestIdentity;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.client.Commit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.gateway.PreparedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chaincode's policy is {@code AND('Org1MSP.peer','Org2MSP.peer')}: only endorsements by the
 * organisations' peers count. Endorsements re-signed by their clients or admins, over the real or
 * an edited write set, fail validation and leave the world state as it was; the creator's own
 * envelope signature is valid throughout, so nothing else can explain the refusal.
 */
class EndorsementRolesTest {

  private static final String KEY = "roles-key";

  private static PeerFixture fixture;
  private static Gateway offline;
  private static Contract contract;

  @BeforeAll
  static void start() {
    fixture = PeerFixture.start();
    contract =
        fixture
            .connect(fixture.org1Client)
            .getNetwork(PeerFixture.CHANNEL)
            .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT);
    offline = fixture.connectUnsigned(fixture.org1Client);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void honestValue() throws Exception {
    contract.submitTransaction("put", KEY, "honest");
  }

  @Test
  void endorsementsSignedByTheOrganisationsClientsFailThePolicy() throws Exception {
    PreparedTransaction forged =
        Forgery.of(endorsedPut("client-endorsed").getBytes())
            .endorsedBy(fixture.org1Client.endorser(), fixture.org2Client.endorser());

    assertThat(commitCode(forged)).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(committedValue()).isEqualTo("honest");
  }

  @Test
  void anEditedWriteSetReSignedByTheClientsFailsThePolicy() throws Exception {
    PreparedTransaction forged =
        Forgery.of(endorsedPut("honest-looking").getBytes())
            .withWrittenValue(KEY, "forged")
            .endorsedBy(fixture.org1Client.endorser(), fixture.org2Client.endorser());

    assertThat(commitCode(forged)).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(committedValue()).isEqualTo("honest");
  }

  @Test
  void endorsementsByTheOrganisationsAdminsFailAPeerPolicy() throws Exception {
    PreparedTransaction forged =
        Forgery.of(endorsedPut("admin-endorsed").getBytes())
            .withWrittenValue(KEY, "forged-by-admins")
            .endorsedBy(fixture.org1Admin.endorser(), fixture.org2Admin.endorser());

    assertThat(commitCode(forged)).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(committedValue()).isEqualTo("honest");
  }

  @Test
  void onePeerAndOneClientDoNotMakeTwoPeers() throws Exception {
    PreparedTransaction forged =
        Forgery.of(endorsedPut("half-endorsed").getBytes())
            .endorsedBy(fixture.org1Peer.endorser(), fixture.org2Client.endorser());

    assertThat(commitCode(forged)).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(committedValue()).isEqualTo("honest");
  }

  @Test
  void theSamePeerEndorsingTwiceCountsOnce() throws Exception {
    PreparedTransaction forged =
        Forgery.of(endorsedPut("twice").getBytes())
            .endorsedBy(fixture.org1Peer.endorser(), fixture.org1Peer.endorser());

    assertThat(commitCode(forged)).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(committedValue()).isEqualTo("honest");
  }

  @Test
  void theGatewaysOwnEndorsementsByBothPeersAreValid() throws Exception {
    contract.submitTransaction("put", KEY, "updated");

    assertThat(committedValue()).isEqualTo("updated");
  }

  @Test
  void endorsementsSignedOfflineByBothPeersAreValid() throws Exception {
    PreparedTransaction endorsedByPeers =
        Forgery.of(endorsedPut("peer-endorsed").getBytes())
            .endorsedBy(fixture.org2Peer.endorser(), fixture.org1Peer.endorser());

    assertThat(commitCode(endorsedByPeers)).isEqualTo(TxValidationCode.VALID);
    assertThat(committedValue()).isEqualTo("peer-endorsed");
  }

  /** A {@code put} of {@link #KEY} endorsed by the gateway, not yet signed or submitted. */
  private static Transaction endorsedPut(String value) throws Exception {
    Proposal unsigned =
        offline
            .getNetwork(PeerFixture.CHANNEL)
            .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT)
            .newProposal("put")
            .addArguments(KEY, value)
            .build();
    return offline
        .newSignedProposal(unsigned.getBytes(), sign(fixture.org1Client, unsigned.getDigest()))
        .endorse();
  }

  /** Signs the envelope as its creator, submits it and waits for its validation code. */
  private static TxValidationCode commitCode(PreparedTransaction prepared) throws Exception {
    byte[] digest = Forgery.sha256(prepared.getEnvelope().getPayload().toByteArray());
    Transaction signed =
        offline.newSignedTransaction(prepared.toByteArray(), sign(fixture.org1Client, digest));
    SubmittedTransaction submitted = signed.submitAsync();
    Commit commit =
        offline.newSignedCommit(
            submitted.getBytes(), sign(fixture.org1Client, submitted.getDigest()));
    return commit.getStatus().getCode();
  }

  private static byte[] sign(TestIdentity identity, byte[] digest) throws Exception {
    return identity.signer().sign(digest);
  }

  private static String committedValue() throws Exception {
    return new String(contract.evaluateTransaction("get", KEY), StandardCharsets.UTF_8);
  }
}

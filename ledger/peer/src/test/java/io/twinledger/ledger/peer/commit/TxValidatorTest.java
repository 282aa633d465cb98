package io.twinledger.ledger.peer.commit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.twinledger.ledger.peer.ChannelSettings;
import io.twinledger.ledger.peer.PeerSettings;
import io.twinledger.ledger.peer.chaincode.DeployedChaincode;
import io.twinledger.ledger.peer.endorsement.OwnEndorsements;
import io.twinledger.ledger.peer.fixture.Forgery;
import io.twinledger.ledger.peer.fixture.PeerFixture;
import io.twinledger.ledger.peer.fixture.TestIdentity;
import io.twinledger.ledger.peer.identity.Organizations;
import io.twinledger.network.msp.NodeOu;
import java.util.Map;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.gateway.PreparedTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One transaction's own checks, on envelopes the real gateway endorsed and the client signed
 * offline: the committer's last line of defence for envelopes the orderer's admission did not see.
 */
class TxValidatorTest {

  private static PeerFixture fixture;
  private static Gateway offline;
  private static Organizations organizations;
  private static Map<String, DeployedChaincode> chaincodes;

  @BeforeAll
  static void start() {
    fixture = PeerFixture.start();
    offline = fixture.connectUnsigned(fixture.org1Client);
    PeerSettings settings = fixture.settings();
    ChannelSettings channel = settings.channel(PeerFixture.CHANNEL).orElseThrow();
    organizations = new Organizations(PeerFixture.CHANNEL, channel.organizationCas());
    chaincodes = Map.of(PeerFixture.CHAINCODE, channel.chaincodes().getFirst());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void anEnvelopeSignedWithTheCreatorsKeyIsValid() throws Exception {
    TxCheck check = validator().validate(signed(endorsed("valid"), fixture.org1Client));

    assertThat(check.code()).isEqualTo(TxValidationCode.VALID);
    assertThat(check.endorsementFailure()).isEmpty();
  }

  @Test
  void anEnvelopeSignedWithAnotherKeyIsABadCreatorSignature() throws Exception {
    TestIdentity impostor = fixture.org1.issue("impostor", NodeOu.CLIENT);

    TxCheck check = validator().validate(signed(endorsed("impostor"), impostor));

    assertThat(check.code()).isEqualTo(TxValidationCode.BAD_CREATOR_SIGNATURE);
  }

  @Test
  void aSignatureAdmittedOverOtherBytesIsVerifiedAgain() throws Exception {
    EnvelopeAdmission admission = new EnvelopeAdmission(PeerFixture.CHANNEL, organizations);
    ByteString honest = signed(endorsed("admitted"), fixture.org1Client);
    Envelope admitted = Envelope.parseFrom(honest);
    admission.admit(admitted);
    Envelope swapped =
        admitted.toBuilder()
            .setPayload(
                Envelope.parseFrom(signed(endorsed("other"), fixture.org1Client)).getPayload())
            .build();

    TxCheck check = validator(admission).validate(swapped.toByteString());

    assertThat(check.code()).isEqualTo(TxValidationCode.BAD_CREATOR_SIGNATURE);
  }

  @Test
  void clientEndorsementsNameThePolicyTheyFail() throws Exception {
    PreparedTransaction forged =
        Forgery.of(endorsed("forged").toByteArray())
            .endorsedBy(fixture.org1Client.endorser(), fixture.org2Client.endorser());

    TxCheck check = validator().validate(signed(forged, fixture.org1Client));

    assertThat(check.code()).isEqualTo(TxValidationCode.VALID);
    assertThat(check.endorsementFailure())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("[Org1MSP client, Org2MSP client]")
                    .contains("do not satisfy AND('Org1MSP.peer','Org2MSP.peer')"));
  }

  private static TxValidator validator() {
    return validator(new EnvelopeAdmission(PeerFixture.CHANNEL, organizations));
  }

  private static TxValidator validator(EnvelopeAdmission admission) {
    return new TxValidator(
        PeerFixture.CHANNEL, organizations, chaincodes, new OwnEndorsements(), admission);
  }

  private static PreparedTransaction endorsed(String value) throws Exception {
    Proposal unsigned =
        offline
            .getNetwork(PeerFixture.CHANNEL)
            .getContract(PeerFixture.CHAINCODE, PeerFixture.CONTRACT)
            .newProposal("put")
            .addArguments("validator-key", value)
            .build();
    byte[] prepared =
        offline
            .newSignedProposal(
                unsigned.getBytes(), fixture.org1Client.signer().sign(unsigned.getDigest()))
            .endorse()
            .getBytes();
    return PreparedTransaction.parseFrom(prepared);
  }

  /** The envelope's bytes as they go into a block, signed by {@code signer}. */
  private static ByteString signed(PreparedTransaction prepared, TestIdentity signer)
      throws Exception {
    byte[] signature =
        signer.signer().sign(Forgery.sha256(prepared.getEnvelope().getPayload().toByteArray()));
    return prepared.getEnvelope().toBuilder()
        .setSignature(ByteString.copyFrom(signature))
        .build()
        .toByteString();
  }
}

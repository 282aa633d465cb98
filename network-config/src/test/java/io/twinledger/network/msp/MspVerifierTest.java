package io.twinledger.network.msp;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.network.Consortium;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identities checked against their MSP's CA, with the reason when they are not trusted. */
class MspVerifierTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir static Path root;

  private static MspDirectory msps;
  private static MspVerifier verifier;
  private static OrgMsp city;
  private static OrgMsp water;

  @BeforeAll
  static void generate() {
    msps = MspDirectory.openOrCreate(root, Consortium.twinLedger(), CLOCK);
    verifier = msps.verifier();
    city = msps.organisation("CityFinanceMSP").orElseThrow();
    water = msps.organisation("WaterUtilityMSP").orElseThrow();
  }

  @Test
  void trustsEachOrganisationsOwnIdentitiesWithTheirNodeOu() {
    for (OrgMsp msp : msps.organisations()) {
      assertThat(verifier.verify(msp.mspId(), msp.peer().certificate()))
          .isEqualTo(new IdentityCheck.Trusted(msp.mspId(), NodeOu.PEER, msp.peer().certificate()));
      assertThat(verifier.verify(msp.mspId(), msp.client().certificate()))
          .isEqualTo(
              new IdentityCheck.Trusted(msp.mspId(), NodeOu.CLIENT, msp.client().certificate()));
      assertThat(verifier.verify(msp.mspId(), msp.admin().certificate()).isTrusted()).isTrue();
    }
  }

  @Test
  void refusesACertificateOfAnotherOrganisationsCa() {
    IdentityCheck check = verifier.verify("CityFinanceMSP", water.peer().certificate());
    assertThat(check.isTrusted()).isFalse();
    assertThat(check)
        .isInstanceOfSatisfying(
            IdentityCheck.Untrusted.class,
            u -> {
              assertThat(u.reason()).isEqualTo(UntrustedReason.NOT_ISSUED_BY_MSP_CA);
              assertThat(u.detail())
                  .isEqualTo(
                      "CN=peer0.waterutility.twinledger.example,OU=peer,O=Water Utility (issuer"
                          + " CN=ca.waterutility.twinledger.example,O=Water Utility) was not issued"
                          + " by CityFinanceMSP's CA CN=ca.cityfinance.twinledger.example,O=City"
                          + " Finance Office");
            });
  }

  @Test
  void refusesACertificateNamingTheRightIssuerButSignedByAnotherKey() {
    // Same subject and issuer names as City's CA, different key: only the signature tells them
    // apart.
    CertificateAuthority impostor =
        CertificateAuthority.create(
            "CityFinanceMSP",
            "City Finance Office",
            "cityfinance.twinledger.example",
            NOW.minusSeconds(60),
            NOW.plusSeconds(3600));
    X509Certificate forged =
        impostor
            .issue(
                "peer0.cityfinance.twinledger.example",
                NodeOu.PEER,
                NOW.minusSeconds(60),
                NOW.plusSeconds(3600))
            .certificate();
    assertThat(forged.getIssuerX500Principal())
        .isEqualTo(city.caCertificate().getSubjectX500Principal());
    assertThat(reason(verifier.verify("CityFinanceMSP", forged)))
        .isEqualTo(UntrustedReason.NOT_ISSUED_BY_MSP_CA);
  }

  @Test
  void refusesAnExpiredAndANotYetValidCertificate() {
    MspIdentity expired =
        city.ca()
            .issue(
                "old@cityfinance",
                NodeOu.CLIENT,
                NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofDays(1)));
    IdentityCheck check = verifier.verify("CityFinanceMSP", expired.certificate());
    assertThat(reason(check)).isEqualTo(UntrustedReason.EXPIRED);
    assertThat(((IdentityCheck.Untrusted) check).detail())
        .isEqualTo(
            "CN=old@cityfinance,OU=client,O=City Finance Office expired at 2026-02-28T12:00:00Z, before 2026-03-01T12:00:00Z");

    MspIdentity future =
        city.ca()
            .issue(
                "new@cityfinance",
                NodeOu.CLIENT,
                NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));
    assertThat(reason(verifier.verify("CityFinanceMSP", future.certificate())))
        .isEqualTo(UntrustedReason.NOT_YET_VALID);
    assertThat(
            verifier
                .verify("CityFinanceMSP", future.certificate(), NOW.plus(Duration.ofDays(2)))
                .isTrusted())
        .isTrue();
  }

  @Test
  void refusesIdentitiesOnceTheirCaHasExpired() {
    MspIdentity longLived =
        city.ca()
            .issue("long@cityfinance", NodeOu.CLIENT, NOW, NOW.plus(Duration.ofDays(20 * 365)));
    Instant afterCa = city.caCertificate().getNotAfter().toInstant().plusSeconds(1);
    assertThat(reason(verifier.verify("CityFinanceMSP", longLived.certificate(), afterCa)))
        .isEqualTo(UntrustedReason.CA_NOT_VALID);
  }

  @Test
  void refusesTheCaCertificateItself() {
    assertThat(reason(verifier.verify("CityFinanceMSP", city.caCertificate())))
        .isEqualTo(UntrustedReason.CERTIFICATE_IS_A_CA);
  }

  @Test
  void refusesACertificateWithoutNodeOu() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    X509Certificate noOu =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        city.caCertificate().getSubjectX500Principal(),
                        BigInteger.TWO,
                        Date.from(NOW.minusSeconds(60)),
                        Date.from(NOW.plusSeconds(3600)),
                        new X500Principal("CN=nobody,O=City Finance Office"),
                        generator.generateKeyPair().getPublic())
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA")
                            .build(city.ca().privateKey())));
    assertThat(reason(verifier.verify("CityFinanceMSP", noOu)))
        .isEqualTo(UntrustedReason.NO_NODE_OU);
  }

  @Test
  void refusesAnUnknownMsp() {
    assertThat(reason(verifier.verify("MallorysMSP", city.peer().certificate())))
        .isEqualTo(UntrustedReason.UNKNOWN_MSP);
  }

  @Test
  void checksSerializedIdentitiesInPemOrDer() throws Exception {
    X509Certificate peer = city.peer().certificate();
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(peer.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    assertThat(
            verifier.verify("CityFinanceMSP", pem.getBytes(StandardCharsets.US_ASCII)).isTrusted())
        .isTrue();
    assertThat(verifier.verify("CityFinanceMSP", peer.getEncoded()).isTrusted()).isTrue();
    byte[] corrupt = peer.getEncoded();
    corrupt[20] ^= 0x7f;
    assertThat(reason(verifier.verify("CityFinanceMSP", corrupt)))
        .isIn(UntrustedReason.MALFORMED_CERTIFICATE, UntrustedReason.NOT_ISSUED_BY_MSP_CA);
    assertThat(reason(verifier.verify("CityFinanceMSP", "not a certificate".getBytes())))
        .isEqualTo(UntrustedReason.MALFORMED_CERTIFICATE);
  }

  @Test
  void aTamperedCertificateNoLongerVerifies() throws Exception {
    byte[] der = city.client().certificate().getEncoded();
    // Flip a bit in the last byte of the signature: still well-formed DER, no longer signed.
    der[der.length - 1] ^= 0x01;
    assertThat(reason(verifier.verify("CityFinanceMSP", der)))
        .isEqualTo(UntrustedReason.NOT_ISSUED_BY_MSP_CA);
  }

  private static UntrustedReason reason(IdentityCheck check) {
    assertThat(check).isInstanceOf(IdentityCheck.Untrusted.class);
    return ((IdentityCheck.Untrusted) check).reason();
  }
}

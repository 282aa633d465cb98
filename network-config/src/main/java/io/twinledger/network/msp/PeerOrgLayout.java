package io.twinledger.network.msp;

import io.twinledger.network.org.Organisation;
import java.util.Objects;

/**
 * Where {@code cryptogen} puts a peer organisation's crypto material, relative to its output
 * directory, with {@code /} separators. The embedded {@link MspDirectory} writes the same tree, and
 * the generated network files name these paths.
 *
 * <pre>
 * peerOrganizations/&lt;domain&gt;/
 *   ca/ca.&lt;domain&gt;-cert.pem, priv_sk            the signing CA
 *   tlsca/tlsca.&lt;domain&gt;-cert.pem, priv_sk      the TLS CA
 *   msp/{cacerts,tlscacerts,config.yaml}           the organisation's verifying MSP
 *   peers/peer0.&lt;domain&gt;/msp/                    the peer's local MSP
 *   peers/peer0.&lt;domain&gt;/tls/{ca.crt,server.crt,server.key}
 *   users/Admin@&lt;domain&gt;/msp/
 *   users/User1@&lt;domain&gt;/msp/, tls/{ca.crt,client.crt,client.key}
 * </pre>
 *
 * @param domain the organisation's domain: {@code cityfinance.twinledger.example}
 * @param peerHost its peer's host name: {@code peer0.cityfinance.twinledger.example}
 */
public record PeerOrgLayout(String domain, String peerHost) {

  /** The directory of every peer organisation. */
  public static final String PEER_ORGANIZATIONS = "peerOrganizations";

  /** The TLS CA's certificate in a {@code tls/} directory. */
  public static final String TLS_CA = "ca.crt";

  /** A node's TLS server certificate in its {@code tls/} directory. */
  public static final String SERVER_CERTIFICATE = "server.crt";

  /** A node's TLS server key in its {@code tls/} directory. */
  public static final String SERVER_KEY = "server.key";

  /** A user's TLS client certificate in its {@code tls/} directory. */
  public static final String CLIENT_CERTIFICATE = "client.crt";

  /** A user's TLS client key in its {@code tls/} directory. */
  public static final String CLIENT_KEY = "client.key";

  /** cryptogen's administrator user. */
  public static final String ADMIN = "Admin";

  /** cryptogen's first application user. */
  public static final String USER1 = "User1";

  public PeerOrgLayout {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(peerHost, "peerHost");
  }

  /** The layout of {@code org}'s material. */
  public static PeerOrgLayout of(Organisation org) {
    return new PeerOrgLayout(org.domain(), org.peerHost());
  }

  /** {@code peerOrganizations/<domain>}. */
  public String directory() {
    return PEER_ORGANIZATIONS + "/" + domain;
  }

  /** The signing CA's directory: {@code .../ca}. */
  public String ca() {
    return directory() + "/ca";
  }

  /** The signing CA's certificate: {@code .../ca/ca.<domain>-cert.pem}. */
  public String caCertificate() {
    return ca() + "/ca." + domain + "-cert.pem";
  }

  /** The signing CA's key: {@code .../ca/priv_sk}. */
  public String caKey() {
    return ca() + "/" + FabricMsp.CRYPTOGEN_KEY;
  }

  /** The TLS CA's directory: {@code .../tlsca}. */
  public String tlsCa() {
    return directory() + "/tlsca";
  }

  /** The TLS CA's certificate: {@code .../tlsca/tlsca.<domain>-cert.pem}. */
  public String tlsCaCertificate() {
    return tlsCa() + "/tlsca." + domain + "-cert.pem";
  }

  /** The TLS CA's key: {@code .../tlsca/priv_sk}. */
  public String tlsCaKey() {
    return tlsCa() + "/" + FabricMsp.CRYPTOGEN_KEY;
  }

  /** The organisation's verifying MSP: {@code .../msp}. */
  public String msp() {
    return directory() + "/msp";
  }

  /** The peer's directory: {@code .../peers/peer0.<domain>}. */
  public String peer() {
    return directory() + "/peers/" + peerHost;
  }

  /** The peer's local MSP: {@code .../peers/peer0.<domain>/msp}. */
  public String peerMsp() {
    return peer() + "/msp";
  }

  /** The peer's TLS material: {@code .../peers/peer0.<domain>/tls}. */
  public String peerTls() {
    return peer() + "/tls";
  }

  /** The directory of users: {@code .../users}. */
  public String users() {
    return directory() + "/users";
  }

  /** A user's directory: {@code .../users/<user>@<domain>}. */
  public String user(String user) {
    return users() + "/" + userName(user);
  }

  /** A user's local MSP: {@code .../users/<user>@<domain>/msp}. */
  public String userMsp(String user) {
    return user(user) + "/msp";
  }

  /** A user's TLS material: {@code .../users/<user>@<domain>/tls}. */
  public String userTls(String user) {
    return user(user) + "/tls";
  }

  /** A user's directory name, {@code <user>@<domain>}, which cryptogen also names its files by. */
  public String userName(String user) {
    return user + "@" + domain;
  }
}

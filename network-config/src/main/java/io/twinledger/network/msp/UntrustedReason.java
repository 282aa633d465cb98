package io.twinledger.network.msp;

/** Why a certificate is not a trusted identity of an MSP, in the order the checks are made. */
public enum UntrustedReason {
  /** The MSP id is not one of the consortium's. */
  UNKNOWN_MSP,
  /** The bytes are not an X.509 certificate. */
  MALFORMED_CERTIFICATE,
  /** The certificate was not issued (signed) by the MSP's CA, for example another org's. */
  NOT_ISSUED_BY_MSP_CA,
  /** The certificate is itself a CA, not an identity. */
  CERTIFICATE_IS_A_CA,
  /** The certificate's validity starts after the time checked. */
  NOT_YET_VALID,
  /** The certificate's validity ended before the time checked. */
  EXPIRED,
  /** The MSP's CA certificate is not valid at the time checked. */
  CA_NOT_VALID,
  /** The certificate's subject has no node OU (peer, admin, client or orderer), or several. */
  NO_NODE_OU
}

package io.twinledger.network.msp;

/** What is wrong with a file of an embedded MSP directory. */
public enum MspFileProblem {
  /** A file the MSP needs is missing; the directory is incomplete. */
  MISSING,
  /** The file cannot be read. */
  UNREADABLE,
  /** The file is not a single PEM certificate or private key. */
  CORRUPT,
  /** A private key file can be read by others than its owner. */
  KEY_NOT_PRIVATE,
  /** The CA certificate is not a self-signed CA certificate. */
  NOT_A_CA,
  /** The certificate was not issued by the organisation's CA. */
  NOT_ISSUED_BY_CA,
  /** The certificate's node OU is not the one its directory stands for. */
  WRONG_NODE_OU,
  /** A named client's certificate carries another common name than its directory's. */
  WRONG_NAME,
  /** The private key does not belong to the certificate beside it. */
  KEY_MISMATCH,
  /** The certificate is not valid now (expired or not yet valid). */
  NOT_VALID_NOW
}

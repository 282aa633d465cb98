package io.twinledger.network.msp;

/** What is wrong with a file of an MSP directory (embedded, or Fabric's own layout). */
public enum MspFileProblem {
  /** A file or directory the MSP needs is missing; the directory is incomplete. */
  MISSING,
  /** A directory holds several files where one belongs (two private keys, two signcerts). */
  AMBIGUOUS,
  /** The file cannot be read. */
  UNREADABLE,
  /** The file is not a single PEM certificate or private key, or not the YAML expected. */
  CORRUPT,
  /** A private key file can be read by others than its owner. */
  KEY_NOT_PRIVATE,
  /** The CA certificate is not a self-signed CA certificate. */
  NOT_A_CA,
  /** The certificate was not issued by the organisation's CA (nor any of the MSP's CAs). */
  NOT_ISSUED_BY_CA,
  /**
   * The certificate's node OU is not the one its directory stands for, or it has none of the OUs
   * the MSP's NodeOUs name.
   */
  WRONG_NODE_OU,
  /** A named client's certificate carries another common name than its directory's. */
  WRONG_NAME,
  /** The private key does not belong to the certificate beside it. */
  KEY_MISMATCH,
  /** The certificate is not valid now (expired or not yet valid); the detail names the dates. */
  NOT_VALID_NOW
}

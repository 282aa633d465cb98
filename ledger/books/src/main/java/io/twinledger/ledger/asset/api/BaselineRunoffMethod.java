package io.twinledger.ledger.asset.api;

/** How a stormwater site's baseline runoff, against which reduction is measured, is obtained. */
public enum BaselineRunoffMethod {
  /** Runoff monitored at the site before construction, as in DC Water's 2016 impact bond. */
  PRE_CONSTRUCTION_MONITORING,
  /** Runoff predicted by a hydrological model calibrated for the same storm. */
  CALIBRATED_MODEL
}

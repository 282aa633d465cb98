/**
 * Membership service providers for embedded mode: per organisation a certificate authority and its
 * peer, admin and client identities (ECDSA P-256, Fabric NodeOU style), kept as PEM files, and the
 * verifier that checks an identity against its MSP.
 */
package io.twinledger.network.msp;

/**
 * Signatures the contracts check themselves (a checkpoint's, a report statement's), beside the
 * creator's that Fabric checks: {@link io.twinledger.contracts.signature.EcdsaVerification}.
 */
package io.twinledger.contracts.signature;

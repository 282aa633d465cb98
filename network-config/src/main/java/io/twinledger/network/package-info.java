/**
 * The Fabric consortium definition shared by the embedded peer and a real network. Filled by issue
 * 4.
 */
package io.twinledger.network;

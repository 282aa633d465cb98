/** The consortium's organisations: their MSP ids, domains, roles and nodes. */
package io.twinledger.network.org;

/**
 * The files a real Hyperledger Fabric 2.5 test network needs, generated from the consortium: {@code
 * configtx.yaml}, {@code crypto-config.yaml}, connection profiles, the chaincode-as-a-service
 * package files, {@code collections_config.json} and {@code docker-compose.yaml}.
 */
package io.twinledger.network.fabric;

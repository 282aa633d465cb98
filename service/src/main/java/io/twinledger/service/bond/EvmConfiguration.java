package io.twinledger.service.bond;

import io.twinledger.ledger.token.evm.EvmSettings;
import io.twinledger.ledger.token.evm.EvmSettings.EvmContracts;
import io.twinledger.ledger.token.evm.EvmTokenLedger;
import io.twinledger.service.TwinLedgerProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The EVM leg, on when {@code twinledger.evm.rpc-url} is set. The addresses of the contracts it
 * deploys per bond are kept in {@code <data-dir>/evm/contracts.json}, so that a restart attaches to
 * them instead of deploying new ones.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EvmProperties.class)
@ConditionalOnProperty(name = "twinledger.evm.rpc-url")
public class EvmConfiguration {

  private static final TypeReference<TreeMap<String, EvmContracts>> BOOK = new TypeReference<>() {};

  @Bean(destroyMethod = "close")
  EvmTokenLedger evmTokenLedger(EvmProperties evm, TwinLedgerProperties service, JsonMapper json) {
    String key =
        evm.agentKey()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "twinledger.evm.agent-key is required with twinledger.evm.rpc-url"));
    Path book = service.dataDir().resolve("evm").resolve("contracts.json").toAbsolutePath();
    TreeMap<String, EvmContracts> known = read(book, json);
    return new EvmTokenLedger(
        new EvmSettings(evm.rpcUrl().orElseThrow(), evm.chainId(), key, known),
        (tokenId, contracts) -> {
          synchronized (known) {
            known.put(tokenId, contracts);
            write(book, known, json);
          }
        });
  }

  private static TreeMap<String, EvmContracts> read(Path book, JsonMapper json) {
    if (!Files.exists(book)) {
      return new TreeMap<>();
    }
    return json.readValue(book.toFile(), BOOK);
  }

  /** Written whole to a temporary file and moved over the old one, so a crash leaves either. */
  private static void write(Path book, Map<String, EvmContracts> known, JsonMapper json) {
    try {
      Files.createDirectories(book.getParent());
      Path next = book.resolveSibling("contracts.json.next");
      Files.writeString(next, json.writerWithDefaultPrettyPrinter().writeValueAsString(known));
      Files.move(next, book, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + book, e);
    }
  }
}

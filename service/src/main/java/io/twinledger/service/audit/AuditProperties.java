package io.twinledger.service.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit log's settings ({@code twinledger.audit.*}).
 *
 * @param logId the log's name, one per deployment, such as {@code riverton-audit}
 * @param feedEvery how often new domain events are appended
 * @param checkpointEvery how often a checkpoint is signed (when the log grew) and anchored
 * @param eventBatch most domain events appended per transaction
 * @param gapTimeout how long a gap in the event store's global indexes is waited for
 * @param signer the operator organisation's key and certificate (PEM files); without them a local
 *     key is made once in {@code <data-dir>/audit}
 */
@ConfigurationProperties("twinledger.audit")
public record AuditProperties(
    @DefaultValue("twinledger-audit") String logId,
    @DefaultValue("PT5S") Duration feedEvery,
    @DefaultValue("PT1M") Duration checkpointEvery,
    @DefaultValue("1000") int eventBatch,
    @DefaultValue("PT1M") Duration gapTimeout,
    @DefaultValue Signer signer) {

  /**
   * Paths as text: Spring Boot's binder converts a text to a {@link Path} with a property editor,
   * which an {@link Optional} does not reach, so {@code Optional<Path>} could not be set at all.
   *
   * @param key a PKCS#8 PEM file of the ECDSA P-256 private key
   * @param certificate an X.509 PEM file of its certificate
   */
  public record Signer(Optional<String> key, Optional<String> certificate) {
    public Signer {
      key = key == null ? Optional.empty() : key;
      certificate = certificate == null ? Optional.empty() : certificate;
    }

    /** The key file, when one is set. */
    public Optional<Path> keyFile() {
      return key.map(Path::of);
    }

    /** The certificate file, when one is set. */
    public Optional<Path> certificateFile() {
      return certificate.map(Path::of);
    }
  }
}

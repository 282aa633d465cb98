package io.twinledger.service.witness;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The witnessed checkpoints' settings ({@code twinledger.audit.witness.*}).
 *
 * @param enabled whether the Independent Auditor's witness runs in the service (and answers {@code
 *     POST /witness/add-checkpoint}) and is asked to cosign each new checkpoint note
 * @param quorum how many witnesses must cosign a note for it to count as witnessed
 * @param origin the log's origin in its checkpoint notes, also its note key's name; by default
 *     {@code twinledger.example/audit/<log id>}
 * @param name the witness's name, its cosignature key's name
 * @param mspId the organisation that runs the witness, whose channel identity endorses its key
 */
@ConfigurationProperties("twinledger.audit.witness")
public record WitnessProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1") int quorum,
    Optional<String> origin,
    @DefaultValue("auditor.twinledger.example/witness") String name,
    @DefaultValue("IndependentAuditorMSP") String mspId) {

  public WitnessProperties {
    origin = origin == null ? Optional.empty() : origin.filter(o -> !o.isBlank());
  }
}

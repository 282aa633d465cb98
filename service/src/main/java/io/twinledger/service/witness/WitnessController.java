package io.twinledger.service.witness;

import io.swagger.v3.oas.annotations.Hidden;
import io.twinledger.ledger.audit.witness.AddCheckpoint;
import io.twinledger.ledger.audit.witness.Witness;
import io.twinledger.ledger.audit.witness.WitnessResult;
import jakarta.annotation.security.PermitAll;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Independent Auditor's witness over HTTP, as C2SP tlog-witness defines it: {@code POST
 * /witness/add-checkpoint}, the body {@code old <size>}, proof lines, an empty line and the signed
 * checkpoint; bodies are plain text both ways. Like every endpoint that reads a body, it wants a
 * {@code Content-Type} ({@code text/plain}); it reads at most {@link AddCheckpoint#MAX_BYTES}.
 *
 * <p>Open to anyone ({@link PermitAll}), as the spec has it: a request changes the witness's state
 * only with a checkpoint the log's key signed and a consistency proof from what the witness
 * cosigned, so a caller needs no other credential, and logs and monitors elsewhere have none here.
 *
 * <p>Answers: 200 with the cosignature line; 409 with the cosigned size ({@code text/x.tlog.size})
 * when the old size is stale; 409 or 422 for a checkpoint refused as a fork (same size with another
 * root, or a proof that does not verify); 404 for an origin it does not witness; 403 when the log's
 * signature does not verify; 400 for a malformed body.
 *
 * <p>Left out of the OpenAPI description ({@link Hidden}): that document describes the JSON API and
 * its problem details, and this endpoint speaks the C2SP protocol's plain text instead. docs/api.md
 * lists it.
 */
@RestController
@ConditionalOnProperty(
    name = "twinledger.audit.witness.enabled",
    havingValue = "true",
    matchIfMissing = true)
public class WitnessController {

  /** The content type of a 409's body: the cosigned size in decimal and a newline. */
  public static final MediaType TLOG_SIZE = MediaType.parseMediaType("text/x.tlog.size");

  private final Witness witness;

  public WitnessController(Witness witness) {
    this.witness = witness;
  }

  @Hidden
  @PermitAll
  @PostMapping("/witness/add-checkpoint")
  public ResponseEntity<byte[]> addCheckpoint(InputStream body) throws IOException {
    // Read no more than a request may hold: the endpoint is open to anyone.
    byte[] bytes = body.readNBytes(AddCheckpoint.MAX_BYTES + 1);
    AddCheckpoint request;
    try {
      request = AddCheckpoint.parse(bytes);
    } catch (IllegalArgumentException e) {
      return text(400, e.getMessage());
    }
    return switch (witness.addCheckpoint(request)) {
      case WitnessResult.Cosigned cosigned -> text(200, cosigned.cosignature().line());
      case WitnessResult.Conflict conflict ->
          ResponseEntity.status(409)
              .contentType(TLOG_SIZE)
              .body(bytes(conflict.cosignedSize() + "\n"));
      case WitnessResult.Forked forked ->
          text(forked.fork().kind().status(), "fork refused: " + forked.fork().reason());
      case WitnessResult.Rejected rejected -> text(rejected.refusal().status(), rejected.reason());
    };
  }

  private static ResponseEntity<byte[]> text(int status, String text) {
    String body = text.endsWith("\n") ? text : text + "\n";
    return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(bytes(body));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

package io.twinledger.service.correction;

import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.ledger.correction.ReadingCorrection;
import io.twinledger.ledger.correction.api.CorrectionAction;
import io.twinledger.ledger.correction.api.CorrectionRuleViolation;
import io.twinledger.ledger.correction.api.CorrectionTarget;
import io.twinledger.ledger.correction.api.DecideCorrection;
import io.twinledger.ledger.correction.api.ReadingRef;
import io.twinledger.ledger.correction.api.RequestCorrection;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.twin.bulk.BulkChunk;
import io.twinledger.twin.bulk.BulkFormat;
import io.twinledger.twin.bulk.BulkReader;
import io.twinledger.twin.correction.CorrectionBook;
import io.twinledger.twin.correction.CorrectionRecord;
import io.twinledger.twin.correction.ReadingAction;
import io.twinledger.twin.correction.TargetBatch;
import io.twinledger.twin.correction.TargetReading;
import io.twinledger.twin.ingest.IngestReport;
import io.twinledger.twin.ingest.Ingestion;
import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.mapping.PhysicalRange;
import io.twinledger.twin.mqtt.MqttMessage;
import io.twinledger.twin.store.QuarantineEntry;
import io.twinledger.twin.store.ReadingStore;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns correction requests into commands for the books, with what only the stores know: the
 * reading or batch as stored, the closed periods it would change, whether a reading is held. The
 * {@code ReadingCorrection} aggregate decides; the twin adapter's copy follows its events.
 */
@Component
public class Corrections {

  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);

  /** Most rows a re-submitted file payload may hold: a fix, not an import. */
  private static final int RESUBMIT_LINES = 1000;

  private final CorrectionBook book;
  private final ReadingStore readings;
  private final ObjectProvider<Ingestion> ingestion;
  private final ObjectProvider<MappingConfig> mapping;
  private final AssetCatalog assets;
  private final CommandGateway commands;
  private final CorrectionProperties properties;

  public Corrections(
      CorrectionBook book,
      ReadingStore readings,
      ObjectProvider<Ingestion> ingestion,
      ObjectProvider<MappingConfig> mapping,
      AssetCatalog assets,
      CommandGateway commands,
      CorrectionProperties properties) {
    this.book = book;
    this.readings = readings;
    this.ingestion = ingestion;
    this.mapping = mapping;
    this.assets = assets;
    this.commands = commands;
    this.properties = properties;
  }

  /** Records a user's correction; returns its number. */
  public long request(CorrectionRequests.Request body, String user) {
    CorrectionAction action = action(body.action());
    if (action == CorrectionAction.RESUBMIT) {
      return resubmit(body, user);
    }
    if (body.quarantineId() != null || body.payload() != null || body.topic() != null) {
      throw new CorrectionRuleViolation(
          "quarantineId", "quarantineId, payload and topic belong only to RESUBMIT");
    }
    boolean byReading = body.reading() != null;
    if (byReading == (body.batchId() != null)) {
      throw new CorrectionRuleViolation("reading", "give exactly one of reading and batchId");
    }
    if (byReading) {
      TargetReading reading = reading(body.reading());
      if (action == CorrectionAction.SUPERSEDE && body.value() != null) {
        plausible(reading, body.value());
      }
      if (action == CorrectionAction.RELEASE
          && book.inEffect(reading).map(c -> c.action() != ReadingAction.HOLD).orElse(true)) {
        throw new CorrectionRuleViolation(
            "action", "the reading is not held for review, so there is nothing to release");
      }
      // Only the periods of the KPIs that read this reading change: it and those derived from it.
      List<String> readers =
          assets.find(reading.assetId()).map(a -> a.kpisReading(reading.kpiId())).orElse(List.of());
      return send(
          new CorrectionTarget(reading.batchId(), reading.batchDigest(), Optional.of(ref(reading))),
          action,
          body,
          user,
          List.of(
              new TargetBatch.Span(reading.assetId(), reading.observedAt(), reading.observedAt())),
          label -> readers.contains(label.substring(0, label.indexOf(' '))));
    }
    TargetBatch batch =
        book.batch(body.batchId())
            .orElseThrow(() -> new NotFoundException("no stored batch " + body.batchId()));
    return send(
        new CorrectionTarget(batch.batchId(), batch.digest(), Optional.empty()),
        action,
        body,
        user,
        batch.assets(),
        label -> true);
  }

  /**
   * Stores a fixed quarantined payload through its channel under its original source, then records
   * the resubmission naming the quarantine entry and the batch it became. A payload that stores
   * nothing is refused, and what it quarantined stays quarantined. Into a closed period, the
   * resubmission waits for approval like any correction, its batch counting in no period until
   * then; in the moment between storing the batch and recording the resubmission, a period close
   * could still take the batch in.
   */
  private long resubmit(CorrectionRequests.Request body, String user) {
    if (body.reading() != null || body.batchId() != null || body.value() != null) {
      throw new CorrectionRuleViolation(
          "quarantineId",
          "a resubmission takes quarantineId and payload, no reading, batch or value");
    }
    if (body.quarantineId() == null) {
      throw new CorrectionRuleViolation("quarantineId", "is required to re-submit");
    }
    if (body.payload() == null || body.payload().isBlank()) {
      throw new CorrectionRuleViolation("payload", "is required: the fixed payload");
    }
    if (body.reason() == null || body.reason().isBlank()) {
      throw new CorrectionRuleViolation("reason", "is required and must not be blank");
    }
    QuarantineEntry entry =
        readings
            .quarantineEntry(body.quarantineId())
            .orElseThrow(() -> new NotFoundException("no quarantine entry " + body.quarantineId()));
    if (entry.resubmittedBy().isPresent()) {
      throw new CorrectionRuleViolation(
          "quarantineId",
          "quarantine entry "
              + entry.id()
              + " was re-submitted already, by correction "
              + entry.resubmittedBy().get());
    }
    Ingestion pipeline = ingestion.getIfAvailable();
    if (pipeline == null) {
      throw new CorrectionRuleViolation(
          "quarantineId", "the service has no twin mapping, so nothing can be ingested");
    }
    IngestReport report = ingest(pipeline, entry.source(), body);
    if (report.batchId().isEmpty()) {
      throw new CorrectionRuleViolation(
          "payload",
          "the fixed payload stored no reading: "
              + report
                  .refusal()
                  .orElse(
                      report.quarantined()
                          + " quarantined (GET /api/v1/twin/quarantine), "
                          + report.duplicates()
                          + " already stored, "
                          + report.unmapped()
                          + " unmapped"));
    }
    long batchId = report.batchId().get();
    List<String> closed =
        book.closedPeriods(
            0, book.batch(batchId).map(TargetBatch::assets).orElse(List.of()), this::zone);
    long id = book.nextId();
    commands.sendAndWait(
        new RequestCorrection(
            id,
            new CorrectionTarget(batchId, report.batchDigest().orElseThrow(), Optional.empty()),
            CorrectionAction.RESUBMIT,
            Optional.empty(),
            body.reason(),
            user,
            closed,
            properties.fourEyes(),
            Optional.of(entry.id())));
    return id;
  }

  /** The payload through the channel its source names: a file, NGSI-LD or MQTT. */
  private static IngestReport ingest(
      Ingestion pipeline, String source, CorrectionRequests.Request body) {
    byte[] payload = body.payload().getBytes(StandardCharsets.UTF_8);
    if (source.startsWith("ngsi-ld:")) {
      return pipeline.ngsiLd(source, payload, Optional.empty());
    }
    if (source.startsWith("mqtt:")) {
      if (body.topic() == null || body.topic().isBlank()) {
        throw new CorrectionRuleViolation("topic", "is required to re-submit an MQTT message");
      }
      return pipeline.mqtt(source, List.of(new MqttMessage(body.topic(), payload, Instant.now())));
    }
    if (source.startsWith("bulk:")) {
      BulkFormat format =
          body.payload().strip().startsWith("{") ? BulkFormat.JSON_LINES : BulkFormat.CSV;
      List<BulkChunk> chunks = new ArrayList<>();
      try {
        BulkReader.read(
            new ByteArrayInputStream(payload),
            format,
            pipeline.bulkLayout(),
            RESUBMIT_LINES,
            chunks::add);
      } catch (IllegalArgumentException e) {
        throw new CorrectionRuleViolation("payload", e.getMessage());
      }
      if (chunks.size() != 1) {
        throw new CorrectionRuleViolation(
            "payload", "must hold at least one and at most " + RESUBMIT_LINES + " rows");
      }
      return pipeline.bulk(source, chunks.getFirst());
    }
    throw new CorrectionRuleViolation(
        "quarantineId", "payloads from " + source + " cannot be re-submitted");
  }

  /**
   * Holds a reading the spike rule found, unless a correction already deals with it (a released
   * reading is not held again).
   *
   * @return whether it is now held
   */
  public boolean hold(TargetReading reading, String why) {
    // A resubmitted reading is new data like any other; only a person's decision on the reading
    // itself (a void, a supersede, a release) settles it.
    if (book.inEffect(reading).filter(c -> c.action() != ReadingAction.RESUBMIT).isPresent()) {
      return false;
    }
    commands.sendAndWait(
        new RequestCorrection(
            book.nextId(),
            new CorrectionTarget(
                reading.batchId(), reading.batchDigest(), Optional.of(ref(reading))),
            CorrectionAction.HOLD,
            Optional.empty(),
            why,
            ReadingCorrection.SPIKE_RULE,
            List.of(),
            properties.fourEyes(),
            Optional.empty()));
    return true;
  }

  /** Approves or rejects a waiting correction. */
  public void decide(long correctionId, String user, boolean approve, Optional<String> reason) {
    try {
      commands.sendAndWait(new DecideCorrection(correctionId, user, approve, reason));
    } catch (AggregateNotFoundException e) {
      throw new NotFoundException("no correction " + correctionId);
    }
  }

  /**
   * The correction as the twin adapter holds it, waiting a few seconds for its copy to follow the
   * books; empty if it has not by then.
   */
  public Optional<CorrectionRecord> visible(long correctionId, Optional<String> decidedBy) {
    Instant until = Instant.now().plus(VISIBLE_WITHIN);
    while (true) {
      Optional<CorrectionRecord> found = book.find(correctionId);
      if (found.isPresent() && (decidedBy.isEmpty() || found.get().decidedBy().isPresent())) {
        return found;
      }
      if (Instant.now().isAfter(until)) {
        return Optional.empty();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private long send(
      CorrectionTarget target,
      CorrectionAction action,
      CorrectionRequests.Request body,
      String user,
      List<TargetBatch.Span> spans,
      Predicate<String> changes) {
    List<String> closed =
        book.closedPeriods(target.batchId(), spans, this::zone).stream().filter(changes).toList();
    long id = book.nextId();
    commands.sendAndWait(
        new RequestCorrection(
            id,
            target,
            action,
            Optional.ofNullable(body.value()),
            body.reason(),
            user,
            closed,
            properties.fourEyes(),
            Optional.empty()));
    return id;
  }

  /** A superseding value must lie in the KPI's physical range, as every reading must. */
  private void plausible(TargetReading reading, BigDecimal value) {
    Optional<PhysicalRange> range =
        Optional.ofNullable(mapping.getIfAvailable()).flatMap(m -> m.range(reading.kpiId()));
    if (range.isPresent() && !range.get().contains(value)) {
      throw new CorrectionRuleViolation(
          "value",
          value.toPlainString()
              + " "
              + reading.unit()
              + " is outside the physical range "
              + range.get().label()
              + " of KPI "
              + reading.kpiId());
    }
  }

  private ZoneId zone(String assetId) {
    return assets
        .find(assetId)
        .map(AssetView::timeZone)
        .map(ZoneId::of)
        .orElseThrow(() -> new NotFoundException("no asset " + assetId));
  }

  private TargetReading reading(CorrectionRequests.ReadingKey key) {
    if (key.source() == null || key.sensorId() == null || key.observedAt() == null) {
      throw new CorrectionRuleViolation(
          "reading", "needs source, sensorId and observedAt, as the readings list shows them");
    }
    Instant at;
    try {
      at = Instant.parse(key.observedAt());
    } catch (DateTimeException e) {
      throw new CorrectionRuleViolation(
          "reading.observedAt", "must be an ISO-8601 instant such as 2026-11-01T13:00:00Z");
    }
    return book.reading(key.source(), key.sensorId(), at)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no stored reading of "
                        + key.sensorId()
                        + " from "
                        + key.source()
                        + " at "
                        + key.observedAt()));
  }

  private static CorrectionAction action(String text) {
    if (text == null) {
      throw new CorrectionRuleViolation(
          "action", "is required: VOID, SUPERSEDE, RELEASE or RESUBMIT");
    }
    return switch (text) {
      case "RESUBMIT" -> CorrectionAction.RESUBMIT;
      case "VOID" -> CorrectionAction.VOID;
      case "SUPERSEDE" -> CorrectionAction.SUPERSEDE;
      case "RELEASE" -> CorrectionAction.RELEASE;
      default ->
          throw new CorrectionRuleViolation(
              "action",
              "must be VOID, SUPERSEDE, RELEASE or RESUBMIT, was '"
                  + text
                  + "'"
                  + (text.equals("HOLD") ? "; only the spike rule holds readings" : ""));
    };
  }

  private static ReadingRef ref(TargetReading r) {
    return new ReadingRef(
        r.source(), r.sensorId(), r.observedAt(), r.assetId(), r.kpiId(), r.value(), r.unit());
  }
}

package io.twinledger.twin.ingest;

import io.twinledger.twin.bulk.BulkChunk;
import io.twinledger.twin.bulk.BulkLayout;
import io.twinledger.twin.bulk.BulkRejection;
import io.twinledger.twin.bulk.BulkRow;
import io.twinledger.twin.mapping.KpiBinding;
import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.mapping.PayloadReading;
import io.twinledger.twin.mapping.PhysicalRange;
import io.twinledger.twin.mapping.ReadingTarget;
import io.twinledger.twin.mapping.TopicRoute;
import io.twinledger.twin.mqtt.MqttMessage;
import io.twinledger.twin.ngsild.AttributeRejection;
import io.twinledger.twin.ngsild.NotificationParser;
import io.twinledger.twin.ngsild.ObservedAttribute;
import io.twinledger.twin.ngsild.ParsedNotification;
import io.twinledger.twin.ngsild.RejectedNotification;
import io.twinledger.twin.ngsild.SkippedAttribute;
import io.twinledger.twin.quality.Assessment;
import io.twinledger.twin.quality.QualityAssessor;
import io.twinledger.twin.quality.QualityPolicy;
import io.twinledger.twin.reading.AssessedReading;
import io.twinledger.twin.reading.DecimalText;
import io.twinledger.twin.reading.InstantText;
import io.twinledger.twin.reading.Reading;
import io.twinledger.twin.store.QuarantinedPayload;
import io.twinledger.twin.store.ReadingStore;
import io.twinledger.twin.store.StoredBatch;
import io.twinledger.twin.unit.NormalisedValue;
import io.twinledger.twin.unit.Quantity;
import io.twinledger.twin.unit.QuantityException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The twin ingestion pipeline: map each observation to an asset's KPI, normalise its unit, check
 * its quality, then store the accepted readings as one batch and keep everything refused in
 * quarantine with the reason and the raw payload. Unmapped attributes are counted and ignored; an
 * NGSI-LD report also names each attribute that gave no reading, ignored or quarantined.
 *
 * <p>Each call handles one delivery and commits it before returning, so a caller may acknowledge
 * the delivery (HTTP 200, MQTT PUBACK, file progress) once the call returns. Calls are serialised,
 * because quality checks compare each reading with its sensor's previous one.
 */
public final class Ingestion {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /**
   * Largest MQTT payload read, in bytes: a station's message is a few hundred. Larger ones are
   * quarantined unread, with only their first {@value #KEPT_OF_LONG_PAYLOAD} bytes kept.
   */
  public static final int MAX_MQTT_PAYLOAD_BYTES = 65_536;

  private static final int KEPT_OF_LONG_PAYLOAD = 200;

  /** Why an NGSI-LD attribute outside the mapping is ignored. */
  private static final String NOT_MAPPED = "not in the mapping";

  private final MappingConfig mapping;
  private final ReadingStore store;
  private final NotificationParser parser;
  private final QualityDefaults defaults;
  private final Clock clock;
  private final IngestionListener listener;
  private final QualityAssessor assessor = new QualityAssessor();

  /** By identity: bindings are the mapping's own instances, and there are only a few of them. */
  private final Map<KpiBinding, QualityPolicy> policies = new IdentityHashMap<>();

  public Ingestion(
      MappingConfig mapping,
      ReadingStore store,
      NotificationParser parser,
      QualityDefaults defaults,
      Clock clock) {
    this(mapping, store, parser, defaults, clock, IngestionListener.NONE);
  }

  /** With a listener told what each delivery stored and quarantined. */
  public Ingestion(
      MappingConfig mapping,
      ReadingStore store,
      NotificationParser parser,
      QualityDefaults defaults,
      Clock clock,
      IngestionListener listener) {
    this.mapping = mapping;
    this.store = store;
    this.parser = parser;
    this.defaults = defaults;
    this.clock = clock;
    this.listener = listener;
  }

  /** The bulk-file layout the mapping names, or the default one. */
  public BulkLayout bulkLayout() {
    return mapping
        .bulkColumns()
        .map(
            c ->
                new BulkLayout(
                    c.asset(), c.attribute(), c.observedAt(), c.value(), c.unitCode(), c.sensor()))
        .orElse(BulkLayout.DEFAULT);
  }

  /** An NGSI-LD notification body with the request's {@code Link} header, if any. */
  public synchronized IngestReport ngsiLd(String source, byte[] body, Optional<String> link) {
    Instant receivedAt = clock.instant();
    Delivery delivery = new Delivery(source, receivedAt);
    String raw = new String(body, StandardCharsets.UTF_8);
    switch (parser.parse(body, link)) {
      case RejectedNotification rejected -> {
        delivery.quarantine(QuarantineCause.UNREADABLE_NOTIFICATION, rejected.reason(), raw);
        delivery.refusal = Optional.of(rejected.reason());
      }
      case ParsedNotification parsed -> attributes(parsed, delivery);
    }
    return delivery.finish();
  }

  /**
   * Stores the mapped readings of a notification; quarantines, one entry each, the mapped
   * attributes that yield none and the entities that could not be read; ignores the rest. Each
   * attribute that gives no reading is named in the report.
   */
  private void attributes(ParsedNotification parsed, Delivery delivery) {
    for (ObservedAttribute observed : parsed.observations()) {
      String entity = observed.entityId();
      String attribute = observed.attribute();
      Optional<ReadingTarget> target =
          mapping.resolve(entity, observed.entityType(), attribute, observed.datasetId());
      if (target.isEmpty()) {
        delivery.ignore(AttributeNote.of(entity, attribute, NOT_MAPPED));
        continue;
      }
      delivery
          .reading(target.get(), observed.observedAt(), observed.value(), observed.unitCode())
          .ifPresent(
              refused ->
                  delivery.quarantine(
                      refused.cause(),
                      AttributeNote.of(entity, attribute, refused.reason()),
                      refused.reason(),
                      entity + " " + attribute + ": " + observed.value()));
    }
    for (SkippedAttribute skipped : parsed.skipped()) {
      AttributeNote note =
          AttributeNote.of(skipped.entityId(), skipped.attribute(), skipped.reason());
      if (mapping
          .resolve(skipped.entityId(), skipped.entityType(), skipped.attribute())
          .isPresent()) {
        delivery.quarantine(
            QuarantineCause.UNREADABLE_ATTRIBUTE, note, describe(note), skipped.json());
      } else {
        delivery.ignore(unmapped(note));
      }
    }
    for (AttributeRejection rejection : parsed.rejections()) {
      AttributeNote note =
          new AttributeNote(rejection.entityId(), rejection.attribute(), rejection.reason());
      if (bound(rejection)) {
        delivery.quarantine(
            QuarantineCause.UNREADABLE_ATTRIBUTE, note, describe(note), rejection.json());
      } else {
        delivery.ignore(unmapped(note));
      }
    }
  }

  /** MQTT messages, each routed by its topic. */
  public synchronized IngestReport mqtt(String source, List<MqttMessage> messages) {
    Delivery delivery = new Delivery(source, clock.instant());
    for (MqttMessage message : messages) {
      // The payload as text is kept only with a refusal; for accepted messages it would be work
      // on the hot path for nothing.
      Supplier<String> raw = () -> new String(message.payload(), StandardCharsets.UTF_8);
      Optional<TopicRoute> route = mapping.resolveTopic(message.topic());
      if (route.isEmpty()) {
        delivery.quarantine(
            QuarantineCause.UNMAPPED, "no mapping for topic " + message.topic(), raw.get());
        continue;
      }
      if (message.payload().length > MAX_MQTT_PAYLOAD_BYTES) {
        delivery.quarantine(
            QuarantineCause.UNREADABLE_PAYLOAD,
            "payload on "
                + message.topic()
                + " has more than "
                + MAX_MQTT_PAYLOAD_BYTES
                + " bytes ("
                + message.payload().length
                + ")",
            new String(message.payload(), 0, KEPT_OF_LONG_PAYLOAD, StandardCharsets.UTF_8) + "...");
        continue;
      }
      JsonNode payload;
      try {
        payload = JSON.readTree(message.payload());
      } catch (JacksonException e) {
        delivery.quarantine(
            QuarantineCause.UNREADABLE_PAYLOAD,
            "payload on " + message.topic() + " is not JSON",
            raw.get());
        continue;
      } catch (NumberFormatException e) {
        // Jackson lets this through for exponents beyond an int (1e99999999999).
        delivery.quarantine(
            QuarantineCause.UNREADABLE_PAYLOAD,
            "payload on " + message.topic() + " has a number out of range",
            raw.get());
        continue;
      }
      Optional<Instant> observedAt =
          route.get().observedAt().find(payload).flatMap(Ingestion::instant);
      if (observedAt.isEmpty()) {
        delivery.quarantine(
            QuarantineCause.UNREADABLE_PAYLOAD,
            "no ISO-8601 observation time at " + route.get().observedAt().expression(),
            raw.get());
        continue;
      }
      for (PayloadReading reading : route.get().readings()) {
        Optional<JsonNode> value = reading.value().find(payload).filter(JsonNode::isNumber);
        if (value.isEmpty()) {
          delivery.quarantine(
              QuarantineCause.UNREADABLE_PAYLOAD,
              "no number at " + reading.value().expression() + " on " + message.topic(),
              raw.get());
          continue;
        }
        BigDecimal number;
        try {
          number = DecimalText.check(value.get().decimalValue());
        } catch (NumberFormatException e) {
          delivery.quarantine(
              QuarantineCause.UNREADABLE_PAYLOAD,
              "value at "
                  + reading.value().expression()
                  + " on "
                  + message.topic()
                  + " "
                  + e.getMessage(),
              raw.get());
          continue;
        }
        Optional<String> unit =
            reading.unitCode().flatMap(path -> path.find(payload)).map(JsonNode::asString);
        delivery
            .reading(reading.target(), observedAt.get(), number, unit)
            .ifPresent(
                refused -> delivery.quarantine(refused.cause(), refused.reason(), raw.get()));
      }
    }
    return delivery.finish();
  }

  /** A chunk of a bulk file; its unreadable lines are quarantined with their line numbers. */
  public IngestReport bulk(String source, BulkChunk chunk) {
    return prepareBulk(source, chunk).store();
  }

  /**
   * Checks a chunk of a bulk file, orders and digests its readings, without storing them yet, so
   * that a caller can prepare the next chunk on one core while this one is stored on another.
   * Prepared chunks of one file must be stored in the order they were prepared.
   */
  public Prepared prepareBulk(String source, BulkChunk chunk) {
    Delivery delivery = checkBulk(source, chunk);
    // Ordering and digesting touch no shared state, so they run outside the lock.
    return new Prepared(delivery, store.prepare(source, delivery.accepted, delivery.receivedAt));
  }

  private synchronized Delivery checkBulk(String source, BulkChunk chunk) {
    Delivery delivery = new Delivery(source, clock.instant());
    for (BulkRejection rejection : chunk.rejections()) {
      delivery.quarantine(
          QuarantineCause.UNREADABLE_LINE,
          "line " + rejection.line() + ": " + rejection.reason(),
          rejection.raw());
    }
    for (BulkRow row : chunk.rows()) {
      Optional<ReadingTarget> target =
          mapping.resolveBulk(row.assetId(), row.attribute(), row.sensorId());
      if (target.isEmpty()) {
        delivery.quarantine(
            QuarantineCause.UNMAPPED,
            "line " + row.line() + ": no mapping for " + row.assetId() + "/" + row.attribute(),
            row.raw());
        continue;
      }
      delivery
          .reading(target.get(), row.observedAt(), row.value(), row.unitCode())
          .ifPresent(
              refused ->
                  delivery.quarantine(
                      refused.cause(), "line " + row.line() + ": " + refused.reason(), row.raw()));
    }
    return delivery;
  }

  /**
   * Whether a rejected attribute matters: one the mapping binds to a KPI, or a structural problem
   * not tied to an attribute. A text property such as {@code name} is not a refused reading.
   */
  private boolean bound(AttributeRejection rejection) {
    if (rejection.entityId().isEmpty()
        || rejection.entityType().isEmpty()
        || rejection.attribute().isEmpty()) {
      return true;
    }
    return mapping
        .resolve(
            rejection.entityId().get(), rejection.entityType().get(), rejection.attribute().get())
        .isPresent();
  }

  /** The quarantine reason: entity, attribute and problem. */
  private static String describe(AttributeNote note) {
    return note.entity().map(id -> id + " ").orElse("")
        + note.attribute().map(a -> a + ": ").orElse("")
        + note.reason();
  }

  /** An attribute the mapping does not bind, with what else was wrong with it. */
  private static AttributeNote unmapped(AttributeNote note) {
    return new AttributeNote(
        note.entity(), note.attribute(), NOT_MAPPED + " (" + note.reason() + ")");
  }

  private static Optional<Instant> instant(JsonNode node) {
    if (!node.isString()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InstantText.parse(node.asString()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The binding's policy, built once per binding of the mapping rather than once per reading. */
  private QualityPolicy policy(KpiBinding binding) {
    return policies.computeIfAbsent(binding, this::newPolicy);
  }

  private QualityPolicy newPolicy(KpiBinding binding) {
    Optional<PhysicalRange> range = binding.range();
    return new QualityPolicy(
        range.flatMap(PhysicalRange::min),
        range.flatMap(PhysicalRange::max),
        binding.spikeThreshold(),
        defaults.flatlineRun(),
        binding.expectedInterval().orElse(defaults.expectedInterval()),
        defaults.lateness(),
        defaults.futureTolerance(),
        defaults.earliestObservation());
  }

  /** Why a reading was refused: the kind of problem and the reason stored with the payload. */
  private record Refusal(QuarantineCause cause, String reason) {}

  /** A checked delivery, ready to store. */
  public static final class Prepared {
    private final Delivery delivery;
    private final ReadingStore.Prepared readings;

    private Prepared(Delivery delivery, ReadingStore.Prepared readings) {
      this.delivery = delivery;
      this.readings = readings;
    }

    /** Stores the readings and the refusals; returns what became of them. */
    public IngestReport store() {
      return delivery.finish(readings);
    }
  }

  /**
   * The readings and refusals of one delivery, stored together. Callers build the raw text of a
   * reading only if it is refused: for accepted rows it would be work on the hot path for nothing.
   */
  private final class Delivery {
    private final String source;
    private final Instant receivedAt;
    private final List<AssessedReading> accepted = new ArrayList<>();
    private final List<QuarantinedPayload> refused = new ArrayList<>();
    private final Map<QuarantineCause, Integer> causes = new EnumMap<>(QuarantineCause.class);
    private final List<AttributeNote> ignoredAttributes = new ArrayList<>();
    private final List<AttributeNote> quarantinedAttributes = new ArrayList<>();
    private int unmapped;
    private int unlistedAttributes;
    private Optional<String> refusal = Optional.empty();

    Delivery(String source, Instant receivedAt) {
      this.source = source;
      this.receivedAt = receivedAt;
    }

    /**
     * Keeps the reading if it passes; otherwise returns why not, for the caller to quarantine it
     * with what it knows of where it came from.
     */
    Optional<Refusal> reading(
        ReadingTarget target, Instant observedAt, BigDecimal value, Optional<String> unitCode) {
      KpiBinding binding = target.binding();
      Optional<String> code = unitCode.or(() -> binding.sourceUnit().map(Enum::name));
      if (code.isEmpty()) {
        return Optional.of(
            new Refusal(
                QuarantineCause.UNIT,
                target.sensorId() + ": no unitCode and no sourceUnit in the mapping"));
      }
      NormalisedValue normalised;
      try {
        normalised = Quantity.of(value, code.get()).convertTo(binding.unit());
      } catch (QuantityException e) {
        return Optional.of(
            new Refusal(QuarantineCause.UNIT, target.sensorId() + ": " + e.reason()));
      }
      Reading reading;
      try {
        reading =
            new Reading(
                source,
                target.sensorId(),
                target.assetId(),
                target.kpiId(),
                observedAt,
                normalised.value(),
                normalised.unit().name(),
                normalised.originalValue(),
                normalised.originalUnit().name());
      } catch (IllegalArgumentException e) {
        return Optional.of(new Refusal(QuarantineCause.INVALID_READING, e.getMessage()));
      }
      Assessment assessment = assessor.assess(reading, policy(binding), receivedAt);
      if (!assessment.accepted()) {
        return Optional.of(
            new Refusal(
                QuarantineCause.QUALITY,
                target.sensorId() + ": " + assessment.quarantineReason().orElseThrow()));
      }
      accepted.add(new AssessedReading(reading, assessment.flags()));
      return Optional.empty();
    }

    void quarantine(QuarantineCause cause, String reason, String raw) {
      refused.add(new QuarantinedPayload(source, receivedAt, reason, raw));
      causes.merge(cause, 1, Integer::sum);
    }

    /** Quarantines an NGSI-LD attribute or entity and names it in the report. */
    void quarantine(QuarantineCause cause, AttributeNote note, String reason, String raw) {
      quarantine(cause, reason, raw);
      listed(quarantinedAttributes, note);
    }

    void ignore(AttributeNote note) {
      unmapped++;
      listed(ignoredAttributes, note);
    }

    private void listed(List<AttributeNote> list, AttributeNote note) {
      if (list.size() < IngestReport.MAX_LISTED) {
        list.add(note);
      } else {
        unlistedAttributes++;
      }
    }

    IngestReport finish() {
      return finish(store.prepare(source, accepted, receivedAt));
    }

    IngestReport finish(ReadingStore.Prepared readings) {
      store.quarantine(refused);
      StoredBatch stored = readings.store();
      listener.delivered(source, stored.storedCount(), Collections.unmodifiableMap(causes));
      return new IngestReport(
          stored.storedCount(),
          stored.duplicates().size(),
          refused.size(),
          unmapped,
          stored.batchId(),
          stored.batch().map(b -> b.digestHex()),
          refusal,
          ignoredAttributes,
          quarantinedAttributes,
          unlistedAttributes);
    }
  }
}

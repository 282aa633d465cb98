package io.twinledger.service.twin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.service.market.Village;
import io.twinledger.service.openapi.Refusal;
import io.twinledger.service.problem.Problems;
import io.twinledger.service.query.TimeRange;
import io.twinledger.service.security.Roles;
import io.twinledger.twin.bulk.BulkFormat;
import io.twinledger.twin.ingest.BulkImport;
import io.twinledger.twin.ingest.IngestReport;
import io.twinledger.twin.ingest.Ingestion;
import io.twinledger.twin.ingest.SourceRateLimit;
import io.twinledger.twin.mapping.MappingConfig;
import io.twinledger.twin.ngsild.SubscriptionRequest;
import io.twinledger.twin.reading.QualityFlag;
import io.twinledger.twin.store.QuarantineEntry;
import io.twinledger.twin.store.ReadingQuery;
import io.twinledger.twin.store.ReadingStore;
import io.twinledger.twin.store.StoredReading;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Digital-twin ingestion and its evidence: NGSI-LD notifications from context brokers, stored
 * readings with their quality flags, and the quarantine of everything refused.
 */
@RestController
@RequestMapping("/api/v1/twin")
@Tag(name = "Twin", description = "Readings from digital twins")
public class TwinController {

  private static final Logger log = LoggerFactory.getLogger(TwinController.class);

  private final ObjectProvider<Ingestion> ingestion;
  private final ObjectProvider<MappingConfig> mapping;
  private final ReadingStore store;
  private final TwinProperties properties;
  private final NgsiLdSubscriptions subscriptions;
  private final SourceRateLimit rateLimit;
  private final Village village;

  public TwinController(
      ObjectProvider<Ingestion> ingestion,
      ObjectProvider<MappingConfig> mapping,
      ReadingStore store,
      TwinProperties properties,
      NgsiLdSubscriptions subscriptions,
      Village village) {
    this.village = village;
    this.ingestion = ingestion;
    this.subscriptions = subscriptions;
    this.mapping = mapping;
    this.store = store;
    this.properties = properties;
    this.rateLimit =
        new SourceRateLimit(
            properties.deliveriesPerSecond(), properties.deliveryBurst(), Clock.systemUTC());
  }

  @PostMapping(
      path = "/ngsi-ld/notifications",
      consumes = {"application/json", "application/ld+json"})
  @RolesAllowed({Roles.OPERATOR})
  @Operation(
      summary =
          "Receive an NGSI-LD notification (subscription endpoint for Orion-LD, Stellio,"
              + " Scorpio)",
      description =
          "Stores the mapped readings; anything refused is quarantined with its reason, a mapped"
              + " attribute that gives no number included. Answers 200 once stored, so the"
              + " broker need not resend, naming each ignored and quarantined attribute with its"
              + " reason (up to 100 of each); a notification refused as a whole (not JSON, no"
              + " data array) is quarantined and answered 400.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      description =
          "An NGSI-LD Notification: {id, type: Notification, subscriptionId, notifiedAt, data:"
              + " [entity…]}, the entities in normalized form",
      content = {
        @Content(mediaType = "application/json", schema = @Schema(type = "object")),
        @Content(mediaType = "application/ld+json", schema = @Schema(type = "object"))
      })
  @ApiResponse(
      responseCode = "200",
      description =
          "Stored; counts of stored, duplicate, quarantined and unmapped values, and each ignored"
              + " and quarantined attribute with its reason",
      content = @Content(schema = @Schema(implementation = IngestReport.class)))
  @Refusal(
      status = 400,
      description = "rejected-notification: not JSON or no data array; quarantined")
  @Refusal(status = 413, description = "too-large: over the notification size limit")
  @Refusal(status = 429, description = RATE_LIMITED)
  @Refusal(status = 503, description = NO_MAPPING)
  public ResponseEntity<?> notification(
      HttpServletRequest request,
      @RequestHeader(name = "Link", required = false) String link,
      @RequestHeader(name = "NGSILD-Tenant", required = false) String tenant,
      @RequestHeader(name = "Fiware-Service", required = false) String fiwareService)
      throws IOException {
    Ingestion pipeline = ingestion.getIfAvailable();
    if (pipeline == null) {
      return noMapping();
    }
    if (request.getContentLengthLong() > properties.maxNotificationBytes()) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge());
    }
    String source =
        "ngsi-ld:"
            + Optional.ofNullable(tenant)
                .map(t -> name(t, "NGSILD-Tenant"))
                .or(() -> Optional.ofNullable(fiwareService).map(t -> name(t, "Fiware-Service")))
                .orElse("default");
    if (!rateLimit.tryAcquire(source)) {
      return tooMany(source);
    }
    byte[] body = request.getInputStream().readNBytes(properties.maxNotificationBytes() + 1);
    if (body.length > properties.maxNotificationBytes()) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge());
    }
    IngestReport report = pipeline.ngsiLd(source, body, Optional.ofNullable(link));
    if (report.refusal().isPresent()) {
      ProblemDetail problem =
          Problems.of(
              HttpStatus.BAD_REQUEST,
              "rejected-notification",
              "Notification refused",
              report.refusal().get());
      problem.setProperty("quarantined", true);
      return ResponseEntity.badRequest().body(problem);
    }
    return ResponseEntity.ok(report);
  }

  /** Body of {@code POST /api/v1/twin/ngsi-ld/subscriptions}; only the broker is required. */
  public record SubscribeRequest(
      String brokerUrl,
      String notificationUrl,
      String tenant,
      String receiverAuthorization,
      String subscriptionId) {}

  /** Where the broker put the new subscription. */
  public record Subscribed(String subscriptionId, String location) {}

  @PostMapping("/ngsi-ld/subscriptions")
  @RolesAllowed({Roles.OPERATOR})
  @Operation(
      summary = "Create the subscription on an NGSI-LD context broker that feeds the mapping",
      description =
          "Subscribes to every entity and attribute the mapping binds, in normalized form. The"
              + " notification URL defaults to this service's notification endpoint as the"
              + " caller reached it.")
  @ApiResponse(
      responseCode = "201",
      description = "Subscribed; Location is the subscription on the broker",
      content = @Content(schema = @Schema(implementation = Subscribed.class)))
  @Refusal(status = 502, description = "broker-refused: the broker said no")
  @Refusal(status = 503, description = NO_MAPPING)
  public ResponseEntity<?> subscribe(
      HttpServletRequest request, @RequestBody SubscribeRequest body) {
    MappingConfig mapping = this.mapping.getIfAvailable();
    if (mapping == null) {
      return noMapping();
    }
    URI broker = httpUri(body.brokerUrl(), "brokerUrl");
    URI notify =
        body.notificationUrl() == null
            ? URI.create(
                ServletUriComponentsBuilder.fromContextPath(request)
                    .path("/api/v1/twin/ngsi-ld/notifications")
                    .toUriString())
            : httpUri(body.notificationUrl(), "notificationUrl");
    String id =
        Optional.ofNullable(body.subscriptionId())
            .orElse("urn:ngsi-ld:Subscription:twinledger-" + UUID.randomUUID());
    SubscriptionRequest subscription;
    try {
      subscription =
          new SubscriptionRequest(
              id,
              mapping.ngsiLdSelectors(),
              notify,
              Optional.ofNullable(body.receiverAuthorization()));
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("mapping", e.getMessage());
    }
    try {
      URI location =
          subscriptions.create(
              broker, Optional.ofNullable(body.tenant()).map(t -> name(t, "tenant")), subscription);
      return ResponseEntity.created(location).body(new Subscribed(id, location.toString()));
    } catch (IllegalStateException e) {
      return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
          .body(
              Problems.of(
                  HttpStatus.BAD_GATEWAY, "broker-refused", "Broker refused", e.getMessage()));
    }
  }

  @PostMapping("/imports")
  @RolesAllowed({Roles.OPERATOR})
  @Operation(
      summary = "Import historical readings from a CSV or JSON-lines file, streamed",
      description =
          "The body is the file. It is read and stored in chunks, each committed before the next,"
              + " so an interrupted upload keeps what it stored and re-importing the same file"
              + " stores nothing twice. Unreadable lines are quarantined with their line number.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      description =
          "The file itself, streamed. Its format comes from the name's extension (.csv, .jsonl,"
              + " .ndjson) or the format parameter, not from the Content-Type, which may be any"
              + " concrete type.",
      content = {
        @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
        @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
        @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string"))
      })
  @ApiResponse(
      responseCode = "200",
      description = "Imported: readings stored, duplicates skipped, lines quarantined",
      content = @Content(schema = @Schema(implementation = BulkImport.Totals.class)))
  @Refusal(
      status = 400,
      description = "body-incomplete: the upload broke off; what was stored stays stored")
  @Refusal(status = 429, description = RATE_LIMITED)
  @Refusal(status = 503, description = NO_MAPPING)
  public ResponseEntity<?> importFile(
      HttpServletRequest request,
      @RequestParam String name,
      @RequestParam(required = false) String format)
      throws IOException {
    Ingestion pipeline = ingestion.getIfAvailable();
    if (pipeline == null) {
      return noMapping();
    }
    name(name, "name");
    BulkFormat bulkFormat =
        format == null
            ? bulkFormat(name)
            : switch (format) {
              case "csv" -> BulkFormat.CSV;
              case "jsonl" -> BulkFormat.JSON_LINES;
              default -> throw new InvalidFieldException("format", "must be csv or jsonl");
            };
    if (!rateLimit.tryAcquire("bulk:" + name)) {
      return tooMany("bulk:" + name);
    }
    try {
      return ResponseEntity.ok(
          BulkImport.run(
              pipeline, request.getInputStream(), bulkFormat, IMPORT_CHUNK, "bulk:" + name));
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("body", e.getMessage());
    } catch (BulkImport.InputFailedException e) {
      // Usually the client went away: the answer may reach no one, the log line does.
      BulkImport.Totals stored = e.stored();
      log.info(
          "Import bulk:{} stopped, its body failed ({}): {} stored, {} duplicates, {} quarantined",
          name,
          e.getCause(),
          stored.stored(),
          stored.duplicates(),
          stored.quarantined());
      return ResponseEntity.badRequest()
          .body(
              Problems.of(
                  HttpStatus.BAD_REQUEST,
                  "body-incomplete",
                  "Body incomplete",
                  "The body failed before its end: "
                      + stored.stored()
                      + " readings were stored and stay stored; send the file again to store"
                      + " the rest, nothing is stored twice."));
    }
  }

  @GetMapping("/readings")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  @Operation(
      summary = "Stored readings of an asset, by KPI, time range and quality flag",
      description =
          "A village household's meter readings are private: only the community operator and the"
              + " auditor read them here (a resident reads their own at /api/v1/energy/me/meter).")
  public List<StoredReading> readings(
      Authentication user,
      @RequestParam String asset,
      @RequestParam(required = false) String kpi,
      @RequestParam(required = false) String flag,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "1000") int limit) {
    if (limit < 1 || limit > ReadingQuery.MAX_LIMIT) {
      throw new InvalidFieldException("limit", "must be within 1.." + ReadingQuery.MAX_LIMIT);
    }
    if (village.has(asset)
        && user.getAuthorities().stream()
            .noneMatch(
                a ->
                    a.getAuthority().equals("ROLE_" + Roles.OPERATOR)
                        || a.getAuthority().equals("ROLE_" + Roles.AUDITOR))) {
      throw new AccessDeniedException(
          asset
              + " is a household of the village: its meter data is private to its resident,"
              + " the community operator and the auditor");
    }
    TimeRange range = TimeRange.parse(from, to);
    return store.find(
        new ReadingQuery(
            asset, Optional.ofNullable(kpi), flag(flag), range.from(), range.to(), limit));
  }

  @GetMapping("/quarantine")
  @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
  @Operation(summary = "The most recent refused payloads with their reasons, newest first")
  public List<QuarantineEntry> quarantine(@RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidFieldException("limit", "must be within 1..1000");
    }
    return store.quarantined(limit);
  }

  private static final String RATE_LIMITED =
      "rate-limited: the source is over its delivery rate (Retry-After)";
  private static final String NO_MAPPING = "no-twin-mapping: no mapping is configured";
  private static final int IMPORT_CHUNK = 5_000;
  private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  /** Names end up in the readings' source: short, printable, no path tricks. */
  private static String name(String value, String field) {
    if (!SOURCE_NAME.matcher(value).matches()) {
      String was = value.chars().anyMatch(Character::isISOControl) ? "" : ", was '" + value + "'";
      throw new InvalidFieldException(
          field, "must be 1-100 letters, digits, '.', '_' or '-'" + was);
    }
    return value;
  }

  private static URI httpUri(String value, String field) {
    if (value == null) {
      throw new InvalidFieldException(field, "is required");
    }
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new InvalidFieldException(field, "must be an http or https URL, was '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidFieldException(field, "must be an http or https URL, was '" + value + "'");
    }
  }

  private static BulkFormat bulkFormat(String name) {
    try {
      return BulkFormat.of(Path.of(name));
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException("name", e.getMessage());
    }
  }

  private ResponseEntity<ProblemDetail> tooMany(String source) {
    long seconds = Math.max(1, rateLimit.retryAfter(source).toSeconds());
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header("Retry-After", Long.toString(seconds))
        .body(
            Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many deliveries",
                source
                    + " may deliver "
                    + properties.deliveriesPerSecond()
                    + " times a second; retry after "
                    + seconds
                    + " s"));
  }

  private static ResponseEntity<ProblemDetail> noMapping() {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(
            Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "no-twin-mapping",
                "No twin mapping",
                "set twinledger.twin.mapping to a mapping file to accept twin data"));
  }

  private ProblemDetail tooLarge() {
    return Problems.of(
        HttpStatus.CONTENT_TOO_LARGE,
        "too-large",
        "Notification too large",
        "notifications may be at most " + properties.maxNotificationBytes() + " bytes");
  }

  private static Optional<QualityFlag> flag(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(QualityFlag.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(
          "flag", "must be one of " + Arrays.toString(QualityFlag.values()));
    }
  }
}

package io.twinledger.service.asset;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.ledger.asset.AssetHistory;
import io.twinledger.ledger.asset.HistoryPage;
import io.twinledger.ledger.asset.RecordedEvent;
import io.twinledger.ledger.asset.api.PeriodStreams;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.ledger.asset.projection.KpiPeriodView;
import io.twinledger.ledger.asset.projection.KpiPeriods;
import io.twinledger.service.openapi.Refusal;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The asset register. Writes go through commands to the {@code InfrastructureAsset} aggregate and
 * answer with the asset's new version; reads come from the projection, which follows the event
 * stream within milliseconds, and from the event store itself for the history.
 */
@RestController
@RequestMapping("/api/v1/assets")
@Tag(name = "Assets", description = "Register and describe infrastructure assets")
public class AssetController {

  private final CommandGateway commands;
  private final AssetRequests requests;
  private final AssetCatalog catalog;
  private final AssetHistory history;
  private final KpiPeriods periods;

  public AssetController(
      CommandGateway commands,
      AssetRequests requests,
      AssetCatalog catalog,
      AssetHistory history,
      KpiPeriods periods) {
    this.commands = commands;
    this.requests = requests;
    this.catalog = catalog;
    this.history = history;
    this.periods = periods;
  }

  private static final String STALE_OR_RULE =
      "stale-version (with currentVersion) or concurrent-change: reload and retry; asset-rule: not"
          + " allowed in the asset's state";

  /**
   * Reply to a write: which asset, and the version to send as the next expected version. Named in
   * the OpenAPI document apart from the model registry's reply, which has the same simple name.
   */
  @Schema(name = "AssetWritten")
  public record Written(String assetId, long version) {}

  @GetMapping
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  @Operation(summary = "List assets, optionally of one class")
  public List<AssetView> list(@RequestParam(name = "class", required = false) String assetClass) {
    return catalog.list(
        Optional.ofNullable(assetClass).map(c -> AssetRequests.assetClass(c, "class")));
  }

  @GetMapping("/{assetId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  @Operation(summary = "Get one asset with its parameters and KPI definitions")
  public AssetView get(@PathVariable String assetId) {
    return catalog.find(assetId).orElseThrow(() -> new NotFoundException("no asset " + assetId));
  }

  @GetMapping("/{assetId}/events")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.AUDITOR, Roles.OPERATOR})
  @Operation(
      summary = "The asset's event history, read from the event store, a page at a time",
      description =
          "Events in sequence order after `after` (from the first without it), of one `type` if"
              + " given, at most `limit` (1-1000, default 100). When more follow, a `Link` header"
              + " with rel=\"next\" gives the next page's address.")
  public ResponseEntity<List<RecordedEvent>> events(
      @PathVariable String assetId,
      @RequestParam(required = false) Long after,
      @RequestParam(required = false) String type,
      @RequestParam(defaultValue = "100") int limit) {
    HistoryQuery query = HistoryQuery.parse(after, type, limit, AssetHistory.EVENT_TYPES);
    HistoryPage page = history.page(assetId, query.after(), query.type(), query.limit());
    if (page.events().isEmpty() && !history.exists(assetId)) {
      throw new NotFoundException("no asset " + assetId);
    }
    return paged(page, query, "/api/v1/assets/" + encoded(assetId) + "/events");
  }

  @GetMapping("/{assetId}/kpis/{kpiId}/events")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.AUDITOR, Roles.OPERATOR})
  @Operation(
      summary = "The KPI's period series, read from the event store, a page at a time",
      description =
          "Every closed revision of the KPI's periods as recorded: KpiPeriodClosed, and"
              + " KpiPeriodCarriedOver for a period first recorded on the asset's own stream. Paged"
              + " and filtered like the asset's events; empty for a KPI without closed periods.")
  public ResponseEntity<List<RecordedEvent>> periodEvents(
      @PathVariable String assetId,
      @PathVariable String kpiId,
      @RequestParam(required = false) Long after,
      @RequestParam(required = false) String type,
      @RequestParam(defaultValue = "100") int limit) {
    HistoryQuery query = HistoryQuery.parse(after, type, limit, AssetHistory.SERIES_EVENT_TYPES);
    requireRegistered(assetId);
    HistoryPage page =
        history.page(
            PeriodStreams.seriesId(assetId, kpiId), query.after(), query.type(), query.limit());
    return paged(
        page, query, "/api/v1/assets/" + encoded(assetId) + "/kpis/" + encoded(kpiId) + "/events");
  }

  private static ResponseEntity<List<RecordedEvent>> paged(
      HistoryPage page, HistoryQuery query, String path) {
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
    page.next()
        .ifPresent(
            next ->
                answer.header(HttpHeaders.LINK, "<" + query.next(path, next) + ">; rel=\"next\""));
    return answer.body(page.events());
  }

  private static String encoded(String pathVariable) {
    return URLEncoder.encode(pathVariable, StandardCharsets.UTF_8);
  }

  @GetMapping("/{assetId}/kpis/{kpiId}/periods")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  @Operation(
      summary = "Closed periods of a KPI with their evidence (batch digests)",
      description =
          "Periods starting in [from, to), by default the latest revision of each; revisions=all"
              + " lists every revision. from and to are ISO-8601 instants.")
  public List<KpiPeriodView> periods(
      @PathVariable String assetId,
      @PathVariable String kpiId,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "latest") String revisions) {
    get(assetId);
    PeriodQuery query = PeriodQuery.parse(kind, from, to, revisions);
    return periods.of(assetId, kpiId, query.kind(), query.from(), query.to(), query.all());
  }

  @PostMapping
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.OPERATOR})
  @Operation(summary = "Register an asset")
  @ResponseStatus(HttpStatus.CREATED)
  @Refusal(status = 409, description = "duplicate-id: an asset with this id exists")
  public ResponseEntity<Written> register(@RequestBody AssetRequests.Register body) {
    var command = requests.register(body);
    commands.sendAndWait(command);
    return ResponseEntity.created(URI.create("/api/v1/assets/" + command.assetId()))
        .body(new Written(command.assetId(), command.kpis().size()));
  }

  @PutMapping("/{assetId}/parameters")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.OPERATOR})
  @Operation(summary = "Replace the asset's parameters (optimistic concurrency)")
  @Refusal(status = 409, description = STALE_OR_RULE)
  public Written updateParameters(
      @PathVariable String assetId, @RequestBody AssetRequests.UpdateParameters body) {
    var command = requests.update(assetId, body);
    requireRegistered(assetId);
    long version = commands.sendAndWait(command);
    return new Written(assetId, version);
  }

  @PutMapping("/{assetId}/kpis/{kpiId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.OPERATOR})
  @Operation(summary = "Define a KPI, or replace the definition with this id")
  @Refusal(status = 409, description = STALE_OR_RULE)
  public Written defineKpi(
      @PathVariable String assetId,
      @PathVariable String kpiId,
      @RequestBody AssetRequests.DefineKpiBody body) {
    var command = requests.defineKpi(assetId, kpiId, body);
    requireRegistered(assetId);
    long version = commands.sendAndWait(command);
    return new Written(assetId, version);
  }

  @PostMapping("/{assetId}/decommission")
  @RolesAllowed({Roles.FINANCE_OFFICER})
  @Operation(summary = "Decommission the asset; no further changes are accepted")
  @Refusal(status = 409, description = STALE_OR_RULE)
  public Written decommission(
      @PathVariable String assetId, @RequestBody AssetRequests.Decommission body) {
    var command = requests.decommission(assetId, body);
    requireRegistered(assetId);
    long version = commands.sendAndWait(command);
    return new Written(assetId, version);
  }

  /**
   * A change to an asset that was never registered is answered here, from its stream in the event
   * store: sent on, the command would make Axon's repository log the {@code
   * AggregateNotFoundException} it throws, with its stack trace. The history of a KPI of an asset
   * that was never registered is answered here too, as 404 rather than as an empty series.
   */
  private void requireRegistered(String assetId) {
    if (!history.exists(assetId)) {
      throw new NotFoundException("no asset " + assetId);
    }
  }
}

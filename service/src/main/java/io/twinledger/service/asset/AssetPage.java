package io.twinledger.service.asset;

import io.twinledger.ledger.asset.api.AssetRuleViolation;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.asset.projection.AssetView;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.query.TimeRange;
import io.twinledger.service.security.Roles;
import io.twinledger.service.web.FieldErrors;
import io.twinledger.service.web.UiController;
import io.twinledger.twin.store.ReadingQuery;
import io.twinledger.twin.store.ReadingStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One asset: its facts, parameters and KPIs with their recent months against the contractual
 * thresholds, its readings and the quarantine, and the form that changes its parameters. Each
 * handler admits the roles of the API endpoint it shows or acts as.
 */
@UiController
public class AssetPage {

  /** How many readings the readings page lists at most. */
  static final int READINGS = 500;

  /** How many quarantined payloads the quarantine page lists. */
  static final int QUARANTINED = 100;

  private final AssetCatalog catalog;
  private final KpiStandings standings;
  private final AssetRequests requests;
  private final CommandGateway commands;
  private final ReadingStore readings;

  public AssetPage(
      AssetCatalog catalog,
      KpiStandings standings,
      AssetRequests requests,
      CommandGateway commands,
      ReadingStore readings) {
    this.catalog = catalog;
    this.standings = standings;
    this.requests = requests;
    this.commands = commands;
    this.readings = readings;
  }

  @GetMapping("/ui/assets/{assetId}")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  public String asset(@PathVariable String assetId, Model model) {
    AssetView asset = find(assetId);
    model.addAttribute("asset", asset);
    model.addAttribute("parameters", ParameterForm.fields(asset.parameters()));
    model.addAttribute("kpis", standings.history(asset));
    return "asset/asset";
  }

  @GetMapping("/ui/assets/{assetId}/parameters")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.OPERATOR})
  public String parametersForm(@PathVariable String assetId, Model model) {
    AssetView asset = find(assetId);
    return form(
        asset,
        ParameterForm.fields(asset.parameters()),
        String.valueOf(asset.version()),
        FieldErrors.none(),
        model);
  }

  /**
   * Replaces the parameters as {@code PUT /api/v1/assets/{id}/parameters} does, through the same
   * request mapping and command. Refused input shows the form again with each field's error, and
   * nothing is recorded: the command is only sent once the parameters are valid.
   */
  @PostMapping("/ui/assets/{assetId}/parameters")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.OPERATOR})
  public String updateParameters(
      @PathVariable String assetId,
      @RequestParam Map<String, String> form,
      HttpServletResponse response,
      RedirectAttributes redirect,
      Model model) {
    AssetView asset = find(assetId);
    String version = form.getOrDefault("expectedVersion", "");
    FieldErrors errors;
    try {
      var body =
          new AssetRequests.UpdateParameters(
              expectedVersion(version),
              asset.assetClass().name(),
              ParameterForm.parameters(asset.parameters(), form));
      long saved = commands.sendAndWait(requests.update(assetId, body));
      redirect.addFlashAttribute("notice", "Parameters saved: the asset is at version " + saved);
      return "redirect:/ui/assets/" + assetId;
    } catch (InvalidFieldException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      errors = FieldErrors.of(ParameterForm.fieldOf(e.field()), e.reason());
    } catch (ConflictingAggregateVersionException e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      errors =
          FieldErrors.of(
              "expectedVersion",
              "The asset changed since this form was opened: it is at version "
                  + e.getActualVersion()
                  + ", the form was for version "
                  + e.getExpectedVersion()
                  + ". Nothing was saved; reload the form and enter your change again.");
    } catch (ConcurrencyException e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      errors =
          FieldErrors.of(
              "expectedVersion",
              "The asset was changed at the same moment. Nothing was saved; reload and try again.");
    } catch (AssetRuleViolation e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      errors = FieldErrors.of(ParameterForm.fieldOf(e.field()), e.getMessage());
    }
    return form(asset, ParameterForm.sent(asset.parameters(), form), version, errors, model);
  }

  @GetMapping("/ui/assets/{assetId}/readings")
  @RolesAllowed({Roles.FINANCE_OFFICER, Roles.INVESTOR, Roles.AUDITOR, Roles.OPERATOR})
  public String readings(
      @PathVariable String assetId,
      @RequestParam(required = false) String kpi,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      Model model) {
    AssetView asset = find(assetId);
    Optional<String> kpiId = Optional.ofNullable(blankless(kpi));
    TimeRange range = TimeRange.parse(blankless(from), blankless(to));
    model.addAttribute("asset", asset);
    model.addAttribute("kpi", kpiId.orElse(""));
    model.addAttribute("from", from == null ? "" : from);
    model.addAttribute("to", to == null ? "" : to);
    model.addAttribute("limit", READINGS);
    model.addAttribute(
        "readings",
        readings.find(
            new ReadingQuery(
                assetId, kpiId, Optional.empty(), range.from(), range.to(), READINGS)));
    return "asset/readings";
  }

  @GetMapping("/ui/assets/{assetId}/quarantine")
  @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
  public String quarantine(@PathVariable String assetId, Model model) {
    model.addAttribute("asset", find(assetId));
    model.addAttribute("limit", QUARANTINED);
    model.addAttribute("entries", readings.quarantined(QUARANTINED));
    return "asset/quarantine";
  }

  private String form(
      AssetView asset,
      List<ParameterForm.Field> fields,
      String version,
      FieldErrors errors,
      Model model) {
    model.addAttribute("asset", asset);
    model.addAttribute("fields", fields);
    model.addAttribute("version", version);
    model.addAttribute("errors", errors);
    return "asset/parameters";
  }

  private AssetView find(String assetId) {
    return catalog.find(assetId).orElseThrow(() -> new NotFoundException("no asset " + assetId));
  }

  private static Long expectedVersion(String text) {
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidFieldException("expectedVersion", "must be the asset's version, a number");
    }
  }

  /** An empty field of the filter form is no filter. */
  private static String blankless(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}

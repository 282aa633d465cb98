package io.twinledger.service.market;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.twinledger.ledger.asset.api.InvalidFieldException;
import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.simulation.HouseholdOutcome;
import io.twinledger.market.simulation.MonthFigures;
import io.twinledger.market.simulation.SimulationReport;
import io.twinledger.market.simulation.SimulationReportText;
import io.twinledger.market.simulation.SimulationSettings;
import io.twinledger.service.problem.NotFoundException;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Year;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A year's simulation of the village's market, off the ledger with the chaincode's clearing code
 * (contracts-market-simulation): started with a POST, followed with GETs until its report is there.
 * {@code ./twinledger energy simulate} runs the same simulation locally with a progress bar.
 */
@RestController
@RequestMapping("/api/v1/energy/simulations")
@Tag(
    name = "Energy market",
    description = "The village's peer-to-peer solar market and its simulation")
public class SimulationController {

  private final Simulations simulations;

  public SimulationController(Simulations simulations) {
    this.simulations = simulations;
  }

  /**
   * What to simulate; every field is optional.
   *
   * @param seed the random seed (default 17): the same seed gives the same year
   * @param year the calendar year, required: its weekdays and length shape the load
   * @param households 1 to 999 (default 56, the Busan Eco Delta Smart Village)
   * @param battery whether the community battery takes part (default true)
   * @param rule uniform (default), pay-as-bid or trade-reduction
   * @param kappa the uniform rule's kappa (default 0.5)
   */
  public record SimulationRequest(
      Long seed,
      Integer year,
      Integer households,
      Boolean battery,
      String rule,
      BigDecimal kappa) {}

  /** A simulation: its progress, then its report, or why it failed. */
  public record SimulationState(
      String id,
      String state,
      int slotsDone,
      int slotsTotal,
      Optional<Report> report,
      Optional<String> failure) {

    static SimulationState of(Simulations.Run run) {
      String state =
          run.report().isPresent() ? "DONE" : run.failure().isPresent() ? "FAILED" : "RUNNING";
      return new SimulationState(
          run.id(),
          state,
          run.slotsDone(),
          run.slotsTotal(),
          run.report().map(Report::of),
          run.failure());
    }
  }

  /** A simulated year: the figures with and without trading, by month and household. */
  public record Report(
      String village,
      String currency,
      int slots,
      long slotsChecked,
      List<String> conservationFailures,
      EnergyBodies.Figures withTrading,
      EnergyBodies.Figures withoutTrading,
      List<Month> months,
      List<HouseholdLine> households,
      String markdown) {

    static Report of(SimulationReport report) {
      String from = Year.of(report.settings().year()).toString();
      return new Report(
          report.villageName(),
          report.currency(),
          report.slots(),
          report.slotsChecked(),
          report.conservationFailures().stream().map(Object::toString).toList(),
          EnergyBodies.Figures.of(from, from, report.withTrading(), report.currency()),
          EnergyBodies.Figures.of(from, from, report.withoutTrading(), report.currency()),
          report.months().stream().map(Month::of).toList(),
          report.households().stream().map(HouseholdLine::of).toList(),
          SimulationReportText.markdown(report));
    }
  }

  /** One month's headline figures. */
  public record Month(
      String month,
      Optional<BigDecimal> selfSufficiency,
      BigDecimal tradedKwh,
      Optional<BigDecimal> averagePrice) {

    static Month of(MonthFigures month) {
      return new Month(
          month.month().toString(),
          month.figures().selfSufficiency(),
          month.figures().tradedKwh(),
          month.figures().averagePrice());
    }
  }

  /** One household's year. */
  public record HouseholdLine(
      String household,
      BigDecimal peakPowerKw,
      BigDecimal consumptionKwh,
      BigDecimal generationKwh,
      BigDecimal billWithTrading,
      BigDecimal billWithoutTrading,
      BigDecimal savings) {

    static HouseholdLine of(HouseholdOutcome outcome) {
      return new HouseholdLine(
          outcome.household().id(),
          outcome.household().peakPowerKw(),
          outcome.consumptionKwh(),
          outcome.generationKwh(),
          outcome.billWithTrading(),
          outcome.billWithoutTrading(),
          outcome.savings());
    }
  }

  @PostMapping
  @RolesAllowed({Roles.OPERATOR, Roles.FINANCE_OFFICER, Roles.AUDITOR, Roles.RESIDENT})
  @Operation(
      summary = "Simulate a year of the village's market",
      description =
          "Starts a seeded simulation of a year (56 households with synthetic rooftop PV and"
              + " standard-load-profile demand, the 400 kWh community battery, every 15-minute"
              + " slot cleared with the chaincode's code) and answers 202 with its address; GET"
              + " it for progress and, when state is DONE (a few seconds), the report.")
  public ResponseEntity<SimulationState> start(@RequestBody SimulationRequest request) {
    Simulations.Run run = simulations.start(settings(request));
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/energy/simulations/" + run.id()))
        .body(SimulationState.of(run));
  }

  @GetMapping("/{id}")
  @RolesAllowed({Roles.OPERATOR, Roles.FINANCE_OFFICER, Roles.AUDITOR, Roles.RESIDENT})
  @Operation(summary = "A simulation's progress and, once done, its report")
  public SimulationState get(@PathVariable String id) {
    return SimulationState.of(
        simulations
            .find(id)
            .orElseThrow(
                () -> new NotFoundException("No simulation " + id + " (they are kept in memory)")));
  }

  private static SimulationSettings settings(SimulationRequest request) {
    long seed = request.seed() == null ? 17 : request.seed();
    if (request.year() == null) {
      throw new InvalidFieldException(
          "year", "is required, for example " + SimulationSettings.DEFAULT_YEAR);
    }
    int year = request.year();
    if (year < 1900 || year > 9999) {
      throw new InvalidFieldException("year", "must be within 1900..9999, was " + year);
    }
    SimulationSettings settings = SimulationSettings.busan(seed, year);
    if (request.households() != null) {
      if (request.households() < 1 || request.households() > 999) {
        throw new InvalidFieldException(
            "households", "must be within 1..999, was " + request.households());
      }
      settings = settings.withHouseholds(request.households());
    }
    if (request.battery() != null) {
      settings = settings.withBattery(request.battery());
    }
    try {
      return settings.withRule(
          ClearingRule.named(
              request.rule() == null ? ClearingRule.UNIFORM : request.rule(),
              Optional.ofNullable(request.kappa())));
    } catch (IllegalArgumentException e) {
      int colon = e.getMessage().indexOf(": ");
      throw new InvalidFieldException(
          e.getMessage().substring(0, colon), e.getMessage().substring(colon + 2));
    }
  }
}

package io.twinledger.service.cli;

import io.twinledger.market.clearing.ClearingRule;
import io.twinledger.market.simulation.SimulationReport;
import io.twinledger.market.simulation.SimulationReportText;
import io.twinledger.market.simulation.SimulationSettings;
import io.twinledger.market.simulation.VillageSimulation;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.Optional;

/**
 * {@code ./twinledger energy simulate}: a year of the village's market, run here off the ledger
 * with the chaincode's own clearing code, with a progress bar; the report (community figures with
 * and without trading, months, households, the battery) is printed as Markdown or written to a
 * file. No service is needed.
 */
final class EnergyCommand {

  static final String USAGE =
      "usage: ./twinledger energy simulate [--seed N] [--year YYYY] [--households N]"
          + " [--no-battery] [--rule uniform|pay-as-bid|trade-reduction] [--kappa K] [--out FILE]";

  private EnergyCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || !args[0].equals("simulate")) {
      err.println(USAGE);
      return 2;
    }
    SimulationSettings settings;
    Optional<Path> file = Optional.empty();
    try {
      long seed = 17;
      int year = SimulationSettings.DEFAULT_YEAR;
      int households = -1;
      boolean battery = true;
      String rule = ClearingRule.UNIFORM;
      Optional<BigDecimal> kappa = Optional.empty();
      for (int i = 1; i < args.length; i++) {
        String option = args[i];
        if (option.equals("--no-battery")) {
          battery = false;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        }
        String value = args[++i];
        switch (option) {
          case "--seed" -> seed = number(option, value);
          case "--year" -> year = (int) number(option, value);
          case "--households" -> households = (int) number(option, value);
          case "--rule" -> rule = value;
          case "--kappa" -> kappa = Optional.of(decimal(option, value));
          case "--out" -> file = Optional.of(Path.of(value));
          default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
        }
      }
      settings =
          SimulationSettings.busan(seed, year)
              .withBattery(battery)
              .withRule(ClearingRule.named(rule, kappa));
      if (households >= 0) {
        settings = settings.withHouseholds(households);
      }
    } catch (IllegalArgumentException e) {
      err.println("twinledger energy simulate: " + e.getMessage());
      return 2;
    }
    ProgressBar progress = new ProgressBar(Year.of(settings.year()).length() * 96L, "slots", err);
    SimulationReport report =
        VillageSimulation.run(
            settings,
            (done, total) -> {
              if (done == total) {
                progress.finish();
              } else {
                progress.reached(done);
              }
            });
    String markdown = SimulationReportText.markdown(report);
    if (file.isPresent()) {
      try {
        Files.writeString(file.get(), markdown, StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println(
            "twinledger energy simulate: cannot write " + file.get() + ": " + e.getMessage());
        return 1;
      }
      out.println("Report written to " + file.get());
    } else {
      out.print(markdown);
    }
    return 0;
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
    }
  }

  private static BigDecimal decimal(String option, String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a decimal number, was '" + value + "'");
    }
  }
}

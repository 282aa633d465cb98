package io.twinledger.service.demo;

import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.ledger.model.ModelRegistry;
import io.twinledger.ledger.model.api.ModelRuleViolation;
import io.twinledger.ledger.model.projection.Models;
import io.twinledger.service.demo.feed.DemoFeed;
import io.twinledger.service.market.MarketProperties;
import io.twinledger.service.market.Village;
import io.twinledger.service.security.SecurityProperties;
import io.twinledger.service.twin.broker.LocalMqttBroker;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * In demo mode, registers the sample city once, starts feeding its generated twin data in the
 * background ({@link DemoFeed}, unless {@code twinledger.demo.feed.enabled} is false) and tells the
 * user where to look. Each asset and its KPIs are one command, so an asset is either complete or
 * absent; one that already exists is left as it is, so restarting never duplicates it. Only
 * accounts whose password really is their name are announced as demo users. When the service runs
 * an MQTT broker of its own, the announcement gives its address and a message to publish to it.
 * With the village ({@link io.twinledger.service.demo.village.SampleVillage}), it says where
 * residents see their household and bills. It ends with the commands that export and verify the
 * evidence of one KPI period ({@link EvidenceExample}).
 */
@Component
@ConditionalOnProperty(name = "twinledger.demo.enabled", havingValue = "true")
public class DemoLoader {

  private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

  /** A rain gauge topic of Riverton's mapping ({@code twin/riverton-mapping.yaml}). */
  private static final String RAIN_GAUGE_TOPIC =
      "riverton/stormwater/gi-rock-creek-a/gauge-1/rainfall";

  /** The village's residents after the first, announced on one line. */
  private static final Pattern VILLAGER = Pattern.compile("resident\\d{2}");

  /** How long to wait for the asset register to show the sample assets before binding models. */
  private static final Duration ASSETS_VISIBLE_WITHIN = Duration.ofSeconds(60);

  private final CommandGateway commands;
  private final ModelRegistry registry;
  private final Models models;
  private final AssetCatalog assets;
  private final SecurityProperties security;
  private final PasswordEncoder passwords;
  private final Environment environment;
  private final ObjectProvider<LocalMqttBroker> broker;
  private final ObjectProvider<DemoFeed> feed;
  private final ObjectProvider<DemoBonds> bonds;
  private final Village village;
  private final MarketProperties market;
  private final PrintStream out;

  public DemoLoader(
      CommandGateway commands,
      ModelRegistry registry,
      Models models,
      AssetCatalog assets,
      SecurityProperties security,
      PasswordEncoder passwords,
      Environment environment,
      ObjectProvider<LocalMqttBroker> broker,
      ObjectProvider<DemoFeed> feed,
      ObjectProvider<DemoBonds> bonds,
      Village village,
      MarketProperties market) {
    this.commands = commands;
    this.registry = registry;
    this.models = models;
    this.assets = assets;
    this.security = security;
    this.passwords = passwords;
    this.environment = environment;
    this.broker = broker;
    this.feed = feed;
    this.bonds = bonds;
    this.village = village;
    this.market = market;
    this.out = System.out;
  }

  /**
   * Runs once the service is ready; the feed works on its own thread and never delays this. The
   * demo users are checked meanwhile: a bcrypt check each, a tenth of a second or more of CPU.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void loadAndAnnounce() {
    CompletableFuture<List<SecurityProperties.User>> demoUsers =
        CompletableFuture.supplyAsync(this::demoUsers);
    int added = load();
    defineModels();
    Optional<List<String>> placed =
        Optional.ofNullable(bonds.getIfAvailable()).map(this::loadBonds);
    Optional<String> feeding = Optional.ofNullable(feed.getIfAvailable()).map(DemoFeed::start);
    announce(added, placed, feeding, demoUsers.join());
  }

  /**
   * Registers the sample assets that are missing; returns how many were added. An asset the
   * register already shows is not sent again; one it does not show yet is, and is refused if it
   * exists.
   */
  int load() {
    int added = 0;
    for (RegisterAsset asset : SampleCity.assets()) {
      if (assets.find(asset.assetId()).isPresent()) {
        continue;
      }
      try {
        commands.sendAndWait(asset);
        added++;
      } catch (AggregateStreamCreationException alreadyThere) {
        log.debug("Sample asset {} is already registered", asset.assetId());
      }
    }
    log.info(
        "Sample city: {} assets added, {} already present",
        added,
        SampleCity.assets().size() - added);
    return added;
  }

  /**
   * Binds Riverton's cash-flow models to the sample assets, once: a model that exists is left as it
   * is. The registry checks models against the asset register's read side, so this first waits
   * until the register shows every sample asset.
   */
  void defineModels() {
    long deadline = System.nanoTime() + ASSETS_VISIBLE_WITHIN.toNanos();
    while (SampleCity.assets().stream().anyMatch(a -> assets.find(a.assetId()).isEmpty())) {
      if (System.nanoTime() > deadline) {
        log.error("Sample models not defined: the asset register did not show the sample assets");
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    for (SampleModels.Binding binding : SampleModels.bindings()) {
      if (models.find(binding.modelId()).isPresent()) {
        continue;
      }
      try {
        registry.define(binding.modelId(), binding.definition(), binding.assetIds());
        log.info("Sample model {} defined for {}", binding.modelId(), binding.assetIds());
      } catch (ModelRuleViolation alreadyThere) {
        log.debug("Sample model {} is already defined", binding.modelId());
      }
    }
  }

  /** Riverton's bonds, defined, issued and placed once; the ids placed now. */
  private List<String> loadBonds(DemoBonds sample) {
    try {
      return sample.load();
    } catch (RuntimeException e) {
      log.error("Sample bonds not loaded: {}", e.getMessage(), e);
      return List.of();
    }
  }

  /** The accounts whose password is their name. */
  private List<SecurityProperties.User> demoUsers() {
    return security.users().stream()
        .filter(user -> passwords.matches(user.name(), user.passwordHash()))
        .toList();
  }

  private void announce(
      int added,
      Optional<List<String>> placed,
      Optional<String> feeding,
      List<SecurityProperties.User> demoUsers) {
    String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
    StringBuilder text = new StringBuilder();
    text.append("\nTwinLedger demo is ready at ").append(base).append('\n');
    text.append("  Sample city Riverton: ")
        .append(SampleCity.assets().size())
        .append(" assets (")
        .append(added == 0 ? "already loaded" : added + " loaded now")
        .append(")\n");
    text.append("  Web UI:   ")
        .append(base)
        .append("/ui (sign in as one of the demo users below)\n");
    text.append("  Assets:   ").append(base).append("/api/v1/assets\n");
    text.append("  API docs: ").append(base).append("/api/docs/ui\n");
    text.append("  Health:   ").append(base).append("/actuator/health\n");
    broker.ifAvailable(mqtt -> announceBroker(mqtt, base, text));
    feeding.ifPresent(line -> text.append("  Twin data: ").append(line).append('\n'));
    text.append("  Demo users (user / password: role):\n");
    List<SecurityProperties.User> villagers =
        demoUsers.stream().filter(user -> VILLAGER.matcher(user.name()).matches()).toList();
    for (SecurityProperties.User user : demoUsers) {
      if (villagers.contains(user)) {
        continue;
      }
      text.append("    ")
          .append(user.name())
          .append(" / ")
          .append(user.name())
          .append(": ")
          .append(String.join(", ", user.roles()))
          .append('\n');
    }
    if (!villagers.isEmpty()) {
      // 55 lines of residents would bury the rest: one line says it.
      text.append("    ")
          .append(villagers.getFirst().name())
          .append(" … ")
          .append(villagers.getLast().name())
          .append(" / the same as the name: RESIDENT (")
          .append(villagers.size())
          .append(" more residents of the village)\n");
    }
    text.append("  Try: curl -u officer:officer ").append(base).append("/api/v1/assets\n");
    if (!village.isEmpty()) {
      announceVillage(base, text);
    }
    text.append("  P&L per sample asset (months fill in as the feed closes KPI periods):\n")
        .append("    TWINLEDGER_PASSWORD=investor ./twinledger pnl --url ")
        .append(base)
        .append(" --user investor\n")
        .append("    curl -u investor:investor '")
        .append(base)
        .append("/api/v1/pnl/assets/dma-north-hill?period=YEAR'\n")
        .append("  Models:   ")
        .append(
            String.join(
                ", ", SampleModels.bindings().stream().map(SampleModels.Binding::modelId).toList()))
        .append(" (")
        .append(base)
        .append("/api/v1/models)\n");
    placed.ifPresent(now -> announceBonds(now, base, text));
    text.append("  Evidence of one KPI period, checked offline (once the period is closed):\n");
    for (String command : EvidenceExample.of(Clock.systemUTC()).commands(base)) {
      text.append("    ").append(command).append('\n');
    }
    out.println(text);
  }

  private void announceVillage(String base, StringBuilder text) {
    text.append("  Village:  ")
        .append(village.households().size())
        .append(" households")
        .append(market.battery().id().isBlank() ? "" : " and the " + market.battery().id())
        .append(
            market
                .opens()
                .map(o -> "; the market clears every 15-minute slot on the ledger from " + o)
                .orElse(""))
        .append('\n')
        .append("    Bills appear month by month as the slots clear; a resident sees their own")
        .append(" household:\n")
        .append("    ")
        .append(base)
        .append("/ui/village (resident / resident, or resident02 … resident56)\n")
        .append("    curl -u resident:resident ")
        .append(base)
        .append("/api/v1/energy/me/bills\n");
  }

  private static void announceBonds(List<String> now, String base, StringBuilder text) {
    text.append("  Bonds:    ")
        .append(
            String.join(
                ", ",
                SampleBonds.of(LocalDate.now()).stream().map(SampleBonds.Sample::bondId).toList()))
        .append(now.isEmpty() ? "" : " (placed now with their holders on the ledger)")
        .append('\n')
        .append("    Determinations, payments and payouts fill in as the year's KPI periods are")
        .append(" proven:\n")
        .append("    TWINLEDGER_PASSWORD=officer ./twinledger bonds --url ")
        .append(base)
        .append(" --user officer\n")
        .append("    TWINLEDGER_PASSWORD=investor ./twinledger bonds --mine --url ")
        .append(base)
        .append(" --user investor\n")
        .append("    The trustee's queue: ")
        .append(base)
        .append("/ui/determinations (trustee / trustee); ")
        .append(base)
        .append("/api/v1/determinations\n")
        .append("    Compliance reports, issued and attested month by month as determinations are")
        .append(" co-signed (DemoReports); list them, then check one offline:\n")
        .append("    TWINLEDGER_PASSWORD=auditor ./twinledger report list --url ")
        .append(base)
        .append(" --user auditor\n")
        .append("    TWINLEDGER_PASSWORD=auditor ./twinledger report bundle <an id from the list>")
        .append(" --out report.json --url ")
        .append(base)
        .append(" --user auditor && ./twinledger verify-report report.json\n");
  }

  private static void announceBroker(LocalMqttBroker mqtt, String base, StringBuilder text) {
    // A time in the past: a reading dated in the future is quarantined.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    text.append("  MQTT:     ")
        .append(mqtt.host())
        .append(':')
        .append(mqtt.port())
        .append(" (embedded broker; the service subscribes to Riverton's topics)\n");
    text.append("  Publish:  mosquitto_pub -h ")
        .append(mqtt.host())
        .append(" -p ")
        .append(mqtt.port())
        .append(" -q 1 -t ")
        .append(RAIN_GAUGE_TOPIC)
        .append(" -m '{\"time\": \"")
        .append(now)
        .append("\", \"depth\": 0.4, \"unit\": \"MMT\"}'\n");
    // Readings come oldest first; from an hour ago, the list shows the newest, the one above too.
    text.append("  Readings: curl -u investor:investor '")
        .append(base)
        .append("/api/v1/twin/readings?asset=gi-rock-creek-a&kpi=rainfall-depth&from=")
        .append(now.minus(1, ChronoUnit.HOURS))
        .append("'\n");
  }
}

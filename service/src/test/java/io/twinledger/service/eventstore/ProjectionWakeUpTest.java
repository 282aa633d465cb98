package io.twinledger.service.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.ledger.asset.api.RegisterAsset;
import io.twinledger.ledger.asset.projection.AssetCatalog;
import io.twinledger.service.demo.SampleCity;
import io.twinledger.service.support.OnEmbeddedDb;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * In the service as wired, every event processor reads through {@link NotifyingEventSource}, and
 * the asset projection shows a registered asset well within the 500 ms that its processor would
 * otherwise wait between looks at the event store. Each asset is registered only once the previous
 * one is visible, which puts every registration just after the processor's last look: waiting for
 * the next look would take close to 500 ms.
 */
@OnEmbeddedDb
class ProjectionWakeUpTest {

  private static final int ASSETS = 10;
  private static final long SECONDS_10 = TimeUnit.SECONDS.toNanos(10);

  @Autowired EventProcessingConfiguration processing;
  @Autowired Environment environment;
  @Autowired CommandGateway commands;
  @Autowired AssetCatalog assets;

  @Test
  void everyProcessorReadsThroughTheNotifyingSource() {
    assertThat(processing.eventProcessors().keySet())
        .isNotEmpty()
        .allSatisfy(
            name ->
                assertThat(
                        environment.getProperty(
                            "axon.eventhandling.processors." + name + ".source"))
                    .as("source of %s", name)
                    .isEqualTo("notifyingEventSource"));
  }

  @Test
  void aRegisteredAssetIsVisibleWithoutWaitingForAPoll() throws InterruptedException {
    RegisterAsset sample = SampleCity.assets().getFirst();
    long[] millis = new long[ASSETS];
    for (int i = 0; i < ASSETS; i++) {
      String id = "wake-" + UUID.randomUUID();
      long sent = System.nanoTime();
      commands.sendAndWait(
          new RegisterAsset(
              id, sample.name(), sample.timeZone(), sample.parameters(), sample.kpis()));
      long stored = System.nanoTime();
      while (assets.find(id).isEmpty()) {
        assertThat(System.nanoTime() - sent).as("%s visible", id).isLessThan(SECONDS_10);
        Thread.sleep(1);
      }
      millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stored);
    }

    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    assertThat(sorted[ASSETS / 2])
        .as("ms until visible %s", Arrays.toString(millis))
        .isLessThan(250);
  }
}

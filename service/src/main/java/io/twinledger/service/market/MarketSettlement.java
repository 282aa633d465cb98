package io.twinledger.service.market;

import io.twinledger.contracts.energy.EnergyMarketContract;
import io.twinledger.contracts.energy.SlotClearing;
import io.twinledger.market.settlement.MeteredPosition;
import io.twinledger.market.slot.SlotId;
import io.twinledger.network.msp.MspIdentity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the village market on the ledger, slot after slot: once a slot has ended and its meter
 * readings had {@link MarketProperties#settlementLag()} to arrive, the operator records the
 * households' readings (private data), each household with a position submits its order signed with
 * its own identity, and the operator clears the slot; the cleared slot goes to the {@link
 * MarketBook}. Slots clear in order (the battery's state runs from one to the next), at most {@link
 * MarketProperties#slotsPerRun()} per run. Every step is idempotent on the ledger, so a run
 * interrupted anywhere completes on the next.
 */
public final class MarketSettlement {

  private static final Logger log = LoggerFactory.getLogger(MarketSettlement.class);

  private final EnergyMarketLedger ledger;
  private final MarketBook book;
  private final MeterPositions meters;
  private final Village village;
  private final Function<String, MspIdentity> identities;
  private final MarketProperties properties;
  private final ExecutorService signers;
  private final Clock clock;
  private volatile boolean setUp;

  /**
   * @param identities each household's client identity, by household id
   * @param signers runs the households' submissions of one slot side by side
   */
  public MarketSettlement(
      EnergyMarketLedger ledger,
      MarketBook book,
      MeterPositions meters,
      Village village,
      Function<String, MspIdentity> identities,
      MarketProperties properties,
      ExecutorService signers,
      Clock clock) {
    this.ledger = ledger;
    this.book = book;
    this.meters = meters;
    this.village = village;
    this.identities = identities;
    this.properties = properties;
    this.signers = signers;
    this.clock = clock;
  }

  /**
   * Sets the market up on the ledger, once per start: its terms (the first time), every household
   * with its identity, and the battery. Registering again what is registered changes nothing.
   */
  public void setUp() {
    if (setUp) {
      return;
    }
    if (ledger.market().isEmpty()) {
      ledger.configure(properties.terms());
      log.info("Energy market configured on the ledger: {}", properties.terms());
    }
    for (String household : village.households()) {
      ledger.register(household, identities.apply(household));
    }
    if (!properties.battery().id().isBlank()) {
      ledger.registerBattery(properties.battery());
    }
    setUp = true;
  }

  /**
   * Clears the slots that are due, oldest first.
   *
   * @param stopping whether the service is stopping: the run returns after the slot in hand
   * @return the slots cleared
   */
  public List<SlotId> clearDue(BooleanSupplier stopping) {
    setUp();
    Optional<SlotId> next = nextSlot();
    if (next.isEmpty()) {
      return List.of();
    }
    Instant dueBy = clock.instant().minus(properties.settlementLag());
    int count = 0;
    for (SlotId slot = next.get();
        count < properties.slotsPerRun() && !slot.end().isAfter(dueBy);
        slot = slot.next()) {
      count++;
    }
    if (count == 0) {
      return List.of();
    }
    List<SlotId> cleared = new ArrayList<>();
    Map<SlotId, List<MeteredPosition>> positions = meters.of(next.get(), count);
    if (positions.size() == 1) {
      Map.Entry<SlotId, List<MeteredPosition>> slot = positions.entrySet().iterator().next();
      clear(slot.getKey(), slot.getValue());
      cleared.add(slot.getKey());
      return cleared;
    }
    Map<SlotId, List<MeteredPosition>> batch = new TreeMap<>();
    for (Map.Entry<SlotId, List<MeteredPosition>> slot : positions.entrySet()) {
      batch.put(slot.getKey(), slot.getValue());
      if (batch.size() == EnergyMarketContract.MAX_BATCH_SLOTS) {
        if (stopping.getAsBoolean()) {
          return cleared;
        }
        clear(batch);
        cleared.addAll(batch.keySet());
        batch.clear();
      }
    }
    if (!batch.isEmpty() && !stopping.getAsBoolean()) {
      clear(batch);
      cleared.addAll(batch.keySet());
    }
    return cleared;
  }

  /**
   * The first slot to clear: the one after the last cleared (or the opening), moved on to the first
   * meter reading from there, so a stretch without any data is not cleared slot by slot; empty when
   * no reading came since.
   */
  private Optional<SlotId> nextSlot() {
    Optional<SlotId> after =
        book.lastCleared().map(SlotId::next).or(() -> properties.opens().map(SlotId::containing));
    Instant notBefore = after.map(SlotId::start).orElse(Instant.EPOCH);
    return meters
        .firstReading(notBefore)
        .map(SlotId::containing)
        .map(first -> after.filter(a -> a.compareTo(first) > 0).orElse(first));
  }

  /**
   * Clears consecutive slots as the daily settlement batch: one transaction for their readings, one
   * per household for its orders (signed by the household), one for the clearings. If one of them
   * was cleared before the service stopped, the slots are cleared one by one instead, which picks
   * up what the ledger holds.
   */
  private void clear(Map<SlotId, List<MeteredPosition>> slots) {
    try {
      Map<SlotId, List<MeteredPosition>> read = new TreeMap<>();
      Map<String, List<SlotId>> orders = new TreeMap<>();
      for (Map.Entry<SlotId, List<MeteredPosition>> slot : slots.entrySet()) {
        if (!slot.getValue().isEmpty()) {
          read.put(slot.getKey(), slot.getValue());
        }
        for (MeteredPosition position : slot.getValue()) {
          if (position.netKwh().signum() != 0) {
            orders
                .computeIfAbsent(position.participant(), h -> new ArrayList<>())
                .add(slot.getKey());
          }
        }
      }
      if (!read.isEmpty()) {
        ledger.recordReadings(read);
      }
      inParallel(
          orders.entrySet().stream()
              .map(h -> (Runnable) () -> ledger.submitOrders(h.getKey(), h.getValue()))
              .toList());
      EnergyMarketLedger.Committed<SlotClearing[]> clearing =
          ledger.clear(new ArrayList<>(slots.keySet()));
      for (SlotClearing slot : clearing.value()) {
        book.record(slot, clearing.blockNumber());
      }
    } catch (MarketRefusal refusal) {
      if (!refusal.code().equals("SLOT_CLOSED")) {
        throw refusal;
      }
      slots.forEach(this::clear);
    }
  }

  /** Runs the households' submissions side by side and waits for all of them. */
  private void inParallel(List<Runnable> submissions) {
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (Runnable submission : submissions) {
      running.add(CompletableFuture.runAsync(submission, signers));
    }
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void clear(SlotId slot, List<MeteredPosition> positions) {
    try {
      if (!positions.isEmpty()) {
        ledger.recordReadings(slot, positions);
      }
      inParallel(
          positions.stream()
              .filter(position -> position.netKwh().signum() != 0)
              .map(position -> (Runnable) () -> ledger.submitOrder(position.participant(), slot))
              .toList());
      EnergyMarketLedger.Committed<SlotClearing> clearing = ledger.clear(slot);
      book.record(clearing.value(), clearing.blockNumber());
    } catch (MarketRefusal refusal) {
      if (!refusal.code().equals("SLOT_CLOSED")) {
        throw refusal;
      }
      // Cleared on the ledger before the service stopped, not yet recorded here.
      SlotClearing clearing =
          ledger
              .slot(slot)
              .orElseThrow(
                  () -> new IllegalStateException("Slot " + slot + " closed, not cleared"));
      long from =
          book.lastCleared()
              .flatMap(book::slot)
              .map(MarketBook.RecordedSlot::blockNumber)
              .orElse(0L);
      book.record(clearing, ledger.clearedIn(slot, from));
    }
  }
}

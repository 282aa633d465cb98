package io.twinledger.service.market;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The village's households and who acts for each: every resident user maps to exactly one household
 * and every household to at most one resident. Checked when the service starts.
 */
public final class Village {

  /** A household id: also its meter's asset id and its client identity's common name. */
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final Map<String, String> residentByHousehold;
  private final Map<String, String> householdByResident;

  private Village(Map<String, String> residentByHousehold, Map<String, String> byResident) {
    this.residentByHousehold = residentByHousehold;
    this.householdByResident = byResident;
  }

  /**
   * The village of these entries.
   *
   * @throws IllegalArgumentException naming the entry, for a bad or repeated id or a resident of
   *     two households
   */
  public static Village of(List<MarketProperties.HouseholdEntry> entries) {
    Map<String, String> byHousehold = new LinkedHashMap<>();
    Map<String, String> byResident = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      MarketProperties.HouseholdEntry entry = entries.get(i);
      String at = "twinledger.energy.households[" + i + "]";
      if (entry.id() == null || !ID.matcher(entry.id()).matches()) {
        throw new IllegalArgumentException(
            at + ".id must be 1 to 64 lower-case letters, digits or '-', was " + entry.id());
      }
      if (entry.resident() == null || entry.resident().isBlank()) {
        throw new IllegalArgumentException(at + ".resident is required");
      }
      if (byHousehold.putIfAbsent(entry.id(), entry.resident()) != null) {
        throw new IllegalArgumentException(at + ".id " + entry.id() + " is listed twice");
      }
      String other = byResident.putIfAbsent(entry.resident(), entry.id());
      if (other != null) {
        throw new IllegalArgumentException(
            at
                + ".resident "
                + entry.resident()
                + " already acts for "
                + other
                + "; a resident acts for exactly one household");
      }
    }
    return new Village(Map.copyOf(byHousehold), Map.copyOf(byResident));
  }

  /** The household ids, sorted. */
  public List<String> households() {
    List<String> ids = new ArrayList<>(residentByHousehold.keySet());
    ids.sort(null);
    return ids;
  }

  /** Whether the village has this household. */
  public boolean has(String household) {
    return residentByHousehold.containsKey(household);
  }

  /** The household the user acts for, if the user is one of the village's residents. */
  public Optional<String> householdOf(String user) {
    return Optional.ofNullable(householdByResident.get(user));
  }

  /** The resident of a household. */
  public Optional<String> residentOf(String household) {
    return Optional.ofNullable(residentByHousehold.get(household));
  }

  /** Whether the village has no households, so the market does not run. */
  public boolean isEmpty() {
    return residentByHousehold.isEmpty();
  }
}

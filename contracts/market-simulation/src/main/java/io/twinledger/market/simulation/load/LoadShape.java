package io.twinledger.market.simulation.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * A household load shape in the style of BDEW's H0 standard load profile: mean power in W per
 * quarter-hour of local time for each {@link Season} × {@link DayType}, for a household of 1,000
 * kWh a year, and H0's dynamisation over the day of the year.
 *
 * <p>The shape is data, {@code h0-shape.csv} beside this class; its header says how its numbers
 * were made (an approximation of H0's shape, not the published table). Only the shape matters:
 * {@link HouseholdLoad} scales each household's year to its annual consumption.
 */
public final class LoadShape {

  /** Quarter-hours in a day. */
  public static final int QUARTER_HOURS = 96;

  private static final String RESOURCE = "h0-shape.csv";

  private final Map<Season, Map<DayType, double[]>> watts;

  private LoadShape(Map<Season, Map<DayType, double[]>> watts) {
    this.watts = watts;
  }

  /** The shape shipped with this module ({@code h0-shape.csv}). */
  public static LoadShape h0Style() {
    try (InputStream in = LoadShape.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Reads a shape: {@code #} comment lines, a header line starting {@code season,}, then one line
   * per season and day type ({@code SEASON,DAY_TYPE,w1,...,w96}); all nine combinations required.
   *
   * @throws IllegalArgumentException naming the line of a malformed row or the missing combination
   */
  static LoadShape parse(BufferedReader reader) throws IOException {
    Map<Season, Map<DayType, double[]>> watts = new EnumMap<>(Season.class);
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#") || line.startsWith("season,")) {
        continue;
      }
      String[] cells = line.split(",");
      if (cells.length != 2 + QUARTER_HOURS) {
        throw new IllegalArgumentException(
            "load shape line "
                + number
                + ": expected "
                + (2 + QUARTER_HOURS)
                + " cells, found "
                + cells.length);
      }
      double[] values = new double[QUARTER_HOURS];
      for (int q = 0; q < QUARTER_HOURS; q++) {
        values[q] = Double.parseDouble(cells[2 + q]);
        if (!(values[q] > 0)) {
          throw new IllegalArgumentException(
              "load shape line " + number + ": quarter-hour " + (q + 1) + " must be positive");
        }
      }
      watts
          .computeIfAbsent(Season.valueOf(cells[0]), s -> new EnumMap<>(DayType.class))
          .put(DayType.valueOf(cells[1]), values);
    }
    for (Season season : Season.values()) {
      for (DayType dayType : DayType.values()) {
        if (!watts.getOrDefault(season, Map.of()).containsKey(dayType)) {
          throw new IllegalArgumentException("load shape has no row for " + season + " " + dayType);
        }
      }
    }
    return new LoadShape(watts);
  }

  /** The shape's mean power in W for a season, day type and quarter-hour (0 = 00:00–00:15). */
  public double watts(Season season, DayType dayType, int quarterHour) {
    return watts.get(season).get(dayType)[quarterHour];
  }

  /**
   * The shape's value at a local time, with H0's dynamisation factor for the day of the year.
   *
   * @param localStart the quarter-hour's local start
   * @return relative power (W for a 1,000 kWh household, before scaling)
   */
  public double at(LocalDateTime localStart) {
    int quarterHour = localStart.getHour() * 4 + localStart.getMinute() / 15;
    return watts(
            Season.of(localStart.toLocalDate()), DayType.of(localStart.toLocalDate()), quarterHour)
        * dynamisation(localStart.getDayOfYear());
  }

  /**
   * The shape's values for a run of slots, each at its local start shifted by a household's habits.
   *
   * @param localStarts the slots' local start times
   * @param shiftQuarterHours the shift in quarter-hours (positive = the household's day runs later,
   *     so slot {@code i} gets the shape's value for {@code localStarts[i] − shift · 15 min})
   * @return {@link #at} of each shifted start
   */
  public double[] values(LocalDateTime[] localStarts, int shiftQuarterHours) {
    double[] values = new double[localStarts.length];
    for (int i = 0; i < localStarts.length; i++) {
      values[i] = at(localStarts[i].minusMinutes(15L * shiftQuarterHours));
    }
    return values;
  }

  /**
   * H0's dynamisation factor, the fourth-degree polynomial BDEW applies to H0's values for day
   * {@code t} of the year: {@code F(t) = −3.92e−10·t⁴ + 3.2e−7·t³ − 7.02e−5·t² + 2.1e−3·t + 1.24}
   * (1.24 in early January, about 0.8 in summer): it smooths the steps between seasons.
   */
  public static double dynamisation(int dayOfYear) {
    double t = dayOfYear;
    return ((((-3.92e-10 * t) + 3.2e-7) * t - 7.02e-5) * t + 2.1e-3) * t + 1.24;
  }
}

package io.twinledger.twin.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * CPU time spent by this JVM (every thread, garbage collection included), by the benchmark's
 * PostgreSQL server (the postmaster, its live processes and every backend that has exited) and, if
 * there is one, by the benchmark's MQTT broker. On a machine shared with other work, CPU seconds
 * per row vary far less between runs than wall-clock rates do, so the benchmarks report both. Reads
 * Linux's {@code /proc}; elsewhere the servers' shares read as zero.
 */
final class CpuClock {

  private static final long TICKS_PER_SECOND = 100;
  private static final long NANOS_PER_TICK = 1_000_000_000 / TICKS_PER_SECOND;

  private final long postmaster;
  private final long broker;

  private CpuClock(long postmaster, long broker) {
    this.postmaster = postmaster;
    this.broker = broker;
  }

  /** This clock, also counting the broker process {@code pid}. */
  CpuClock withBroker(long pid) {
    return new CpuClock(postmaster, pid);
  }

  /** A clock for this JVM and the server behind {@code db}. */
  static CpuClock of(DataSource db) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return new CpuClock(parent(rs.getLong(1)), -1);
    }
  }

  /** CPU time so far, in nanoseconds: this JVM's, PostgreSQL's and the broker's. */
  Sample sample() {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Sample(
        os.getProcessCpuTime(),
        postgresTicks() * NANOS_PER_TICK,
        broker < 0 ? -1 : stat(broker, false) * NANOS_PER_TICK);
  }

  /** CPU nanoseconds of this JVM, PostgreSQL and the broker (-1 without one) at one moment. */
  record Sample(long jvm, long postgres, long broker) {
    /** Microseconds per item of each since {@code earlier}, as "JVM x µs + PostgreSQL y µs". */
    String perItem(Sample earlier, long items, String item) {
      return String.format(
              Locale.ROOT,
              "CPU per %s: JVM %.1f µs + PostgreSQL %.1f µs",
              item,
              (jvm - earlier.jvm) / 1e3 / items,
              (postgres - earlier.postgres) / 1e3 / items)
          + (broker < 0
              ? ""
              : String.format(
                  Locale.ROOT, " + broker %.1f µs", (broker - earlier.broker) / 1e3 / items));
    }

    String perRow(Sample earlier, long rows) {
      return perItem(earlier, rows, "row");
    }
  }

  private long postgresTicks() {
    long ticks = stat(postmaster, true);
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) processes::iterator) {
        String name = p.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit) && parentOf(name) == postmaster) {
          ticks += stat(Long.parseLong(name), false);
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks;
  }

  private static long parent(long pid) {
    return parentOf(Long.toString(pid));
  }

  private static long parentOf(String pid) {
    String[] f = fields(pid);
    return f == null ? -1 : Long.parseLong(f[1]);
  }

  /** utime + stime, plus the CPU time of waited-for children when {@code children}. */
  private static long stat(long pid, boolean children) {
    String[] f = fields(Long.toString(pid));
    if (f == null) {
      return 0;
    }
    // Fields after the command name, starting at "state" (field 3 of proc(5)): utime is 14.
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return children ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
  }

  /** The fields of /proc/pid/stat after the parenthesised command name. */
  private static String[] fields(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}

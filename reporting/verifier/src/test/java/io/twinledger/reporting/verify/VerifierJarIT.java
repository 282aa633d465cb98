package io.twinledger.reporting.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The packaged {@code twinledger-verify.jar} as an auditor runs it: {@code java -jar} in its own
 * process on a bundle exported from the demo (a test resource), intact and with one reading
 * altered, and a look inside the jar for any library the verifier may not carry.
 */
class VerifierJarIT {

  private static final Path JAR = Path.of(System.getProperty("verifier.jar"));

  /** A demo bundle: one DAY period of North Hill's system input volume, 5,000 readings. */
  private static final String BUNDLE = "/evidence/demo-bundle.json.gz";

  /** The same kind of bundle in the earlier format, before batch digests covered flags. */
  private static final String BUNDLE_V1 = "/evidence/demo-bundle-v1.json.gz";

  /** An attested, witnessed report bundle of a bond's payments over two months. */
  private static final String REPORT = "/report/demo-report.json.gz";

  @TempDir Path dir;

  @Test
  void aDemoBundleVerifiesWithNothingButTheJar() throws Exception {
    Path bundle = resource(BUNDLE, "bundle.json");

    Run run = java(bundle.toString());

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out().lines().toList().getLast()).startsWith("verdict: VERIFIED — all ");
    assertThat(run.out()).containsPattern("(?m)^reading batch \\d+: ok — ");
    System.out.printf("twinledger-verify.jar: demo bundle verified in %d ms%n", run.millis());
  }

  @Test
  void theLauncherRunsTheSameJar() throws Exception {
    Path bundle = resource(BUNDLE, "bundle.json");
    Path launcher = Path.of("../../twinledger").toAbsolutePath().normalize();

    Run direct = java(bundle.toString());
    Run launched = run(List.of("bash", launcher.toString(), "verify", bundle.toString()));

    assertThat(launched.code()).as(launched.err()).isZero();
    assertThat(launched.out()).isEqualTo(direct.out());
    assertThat(launched.err()).isEmpty();
  }

  /**
   * A report bundle, gzip-compressed as the fixture is: the launcher's output is the jar's, and on
   * JDK 25 and newer it leaves the AOT cache it trained, which the next command starts from.
   */
  @Test
  void theLauncherVerifiesACompressedReportBundleAsTheJarDoes() throws Exception {
    Path bundle = dir.resolve("report.json.gz");
    try (InputStream in = VerifierJarIT.class.getResourceAsStream(REPORT)) {
      Files.copy(in, bundle);
    }
    Path launcher = Path.of("../../twinledger").toAbsolutePath().normalize();

    Run direct = java("verify-report", bundle.toString());
    Run launched = run(List.of("bash", launcher.toString(), "verify-report", bundle.toString()));

    assertThat(direct.code()).as(direct.out()).isZero();
    assertThat(direct.out().lines().toList().getLast()).startsWith("verdict: VERIFIED — all ");
    assertThat(launched.code()).as(launched.err()).isZero();
    assertThat(launched.out()).isEqualTo(direct.out());
    assertThat(launched.err()).isEmpty();
    if (Runtime.version().feature() >= 25) {
      assertThat(Path.of(JAR + ".aot")).exists();
    }
  }

  /** A relative path is the auditor's, not the repository's: the launcher stays where it is run. */
  @Test
  void theLauncherReadsABundleRelativeToTheCallersDirectory() throws Exception {
    resource(BUNDLE, "bundle.json");
    Path launcher = Path.of("../../twinledger").toAbsolutePath().normalize();

    Run launched = runIn(dir, List.of("bash", launcher.toString(), "verify", "bundle.json"));

    assertThat(launched.code()).as(launched.err()).isZero();
    assertThat(launched.out().lines().toList().getLast()).startsWith("verdict: VERIFIED — all ");
  }

  @Test
  void aCompressedBundleVerifiesAsItsPlainJson() throws Exception {
    Path compressed = dir.resolve("bundle.json.gz");
    try (InputStream in = VerifierJarIT.class.getResourceAsStream(BUNDLE)) {
      Files.copy(in, compressed);
    }

    Run plain = java(resource(BUNDLE, "bundle.json").toString());
    Run gzip = java("verify", compressed.toString());

    assertThat(gzip.code()).as(gzip.out()).isZero();
    assertThat(gzip.out()).isEqualTo(plain.out());
  }

  @Test
  void aBundleOfTheEarlierFormatStillVerifies() throws Exception {
    Run run = java(resource(BUNDLE_V1, "bundle-v1.json").toString());

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out().lines().toList().getLast()).startsWith("verdict: VERIFIED — all ");
  }

  @Test
  void aReadingAlteredInTheBundleIsNamedByItsBatch() throws Exception {
    assertTamperedBatchNamed(
        reading -> reading.put("value", reading.path("value").asString() + "1"));
  }

  /** Flags are covered by the digest from encoding v2 on: one added is a changed batch. */
  @Test
  void aFlagAddedInTheBundleIsNamedByItsBatch() throws Exception {
    assertTamperedBatchNamed(
        reading -> {
          ArrayNode flags = (ArrayNode) reading.path("flags");
          flags.add(flags.toString().contains("SPIKE") ? "GAP" : "SPIKE");
        });
  }

  private void assertTamperedBatchNamed(Consumer<ObjectNode> tamper) throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode bundle;
    try (InputStream in = new GZIPInputStream(VerifierJarIT.class.getResourceAsStream(BUNDLE))) {
      bundle = (ObjectNode) json.readTree(in);
    }
    JsonNode batch = bundle.path("batches").get(0);
    tamper.accept((ObjectNode) batch.path("readings").get(0));
    Path tampered = dir.resolve("tampered.json");
    json.writeValue(tampered.toFile(), bundle);

    Run run = java("verify", tampered.toString());

    assertThat(run.code()).as(run.out()).isOne();
    assertThat(run.out())
        .contains("reading batch " + batch.path("batchId").asLong() + ": digest mismatch")
        .contains("verdict: NOT VERIFIED — 1 of ");
  }

  @Test
  void proofsAndUsageErrorsToo() throws Exception {
    Run noFiles = java("verify-proof");
    assertThat(noFiles.code()).isEqualTo(2);
    assertThat(noFiles.err()).isEqualTo("twinledger: usage: ./twinledger verify-proof FILE...\n");

    Path notJson = Files.writeString(dir.resolve("proof.json"), "not json");
    Run malformed = java("verify-proof", notJson.toString());
    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.out()).startsWith(notJson + ": malformed — ");
  }

  @Test
  void theJarCarriesNoBannedLibrary() throws IOException {
    assertThat(bannedEntries(JAR)).isEmpty();
  }

  @Test
  void theJarCheckFindsABannedLibrary() throws IOException {
    Path jar = dir.resolve("with-driver.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("io/twinledger/reporting/verify/VerifyMain.class"));
      out.putNextEntry(new JarEntry("org/postgresql/Driver.class"));
    }
    assertThat(bannedEntries(jar)).containsExactly("org/postgresql/Driver.class");
  }

  /** The jar's class files that belong to a banned library's packages. */
  private static List<String> bannedEntries(Path jar) throws IOException {
    List<String> prefixes =
        Arrays.stream(VerifierDependenciesTest.BANNED)
            .map(p -> p.replace("..", "").replace('.', '/') + "/")
            .toList();
    List<String> banned = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      file.stream()
          .map(JarEntry::getName)
          .filter(name -> name.endsWith(".class"))
          .map(name -> name.replaceFirst("^META-INF/versions/\\d+/", ""))
          .filter(name -> prefixes.stream().anyMatch(name::startsWith))
          .forEach(banned::add);
    }
    return banned;
  }

  private Path resource(String name, String as) throws IOException {
    Path file = dir.resolve(as);
    try (InputStream in = new GZIPInputStream(VerifierJarIT.class.getResourceAsStream(name));
        OutputStream out = Files.newOutputStream(file)) {
      in.transferTo(out);
    }
    return file;
  }

  private record Run(int code, String out, String err, long millis) {}

  private Run java(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 23) {
      // Protobuf's use of sun.misc.Unsafe would print a warning, as the launcher knows.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return run(command);
  }

  private Run run(List<String> command) throws Exception {
    return runIn(Path.of("").toAbsolutePath(), command);
  }

  private Run runIn(Path directory, List<String> command) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        millis);
  }
}

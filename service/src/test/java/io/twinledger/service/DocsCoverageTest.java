package io.twinledger.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinledger.service.cli.Cli;
import io.twinledger.service.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keeps the documentation and the code in step, without a Spring context:
 *
 * <ul>
 *   <li>every command of {@code ./twinledger help} (Cli's own help text) is shown as {@code
 *       ./twinledger <command>} in README.md or docs/*.md;
 *   <li>docs/api.md has a row for every path prefix {@code /api/v1/<segment>} and for every
 *       endpoint the controllers serve, each naming exactly the roles its handlers'
 *       {@code @RolesAllowed} admit, and no row for an endpoint the code does not serve (mappings
 *       read from the compiled controllers with Spring's own annotation utilities, as Spring MVC
 *       merges them);
 *   <li>docs/api.md names the OpenAPI paths application.yml gives springdoc;
 *   <li>README.md stays a door: at most 10,000 bytes.
 * </ul>
 *
 * The last tests run the same checkers on texts with something missing, to show they can fail.
 */
class DocsCoverageTest {

  static final int README_LIMIT_BYTES = 10_000;

  private static final Pattern COMMAND_LINE = Pattern.compile("^ {2}([a-z][a-z-]*)(?:\\s|$)");
  private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");
  private static final Pattern ENDPOINT_KEY =
      Pattern.compile("(GET|POST|PUT|DELETE|PATCH) (/api/v1/\\S+)");
  private static final Pattern PREFIX_KEY = Pattern.compile("/api/v1/[^/\\s]+");

  private static Path root;
  private static String help;
  private static List<Endpoint> endpoints;

  @BeforeAll
  static void read() {
    root = repositoryRoot();
    help = help();
    endpoints = endpoints(controllers());
  }

  @Test
  void everyCommandIsDocumented() {
    List<String> commands = commands(help);
    assertThat(commands).contains("serve", "demo", "pnl", "verify", "verify-proof", "help");
    assertThat(undocumentedCommands(commands, userDocs())).isEmpty();
  }

  @Test
  void everyEndpointIsInTheApiDocWithItsRoles() {
    assertThat(endpoints).isNotEmpty();
    assertThat(endpoints.stream().map(Endpoint::prefix))
        .contains("/api/v1/assets", "/api/v1/models", "/api/v1/pnl", "/api/v1/calc");
    assertThat(apiDocProblems(endpoints, read(root.resolve("docs/api.md")))).isEmpty();
  }

  @Test
  void theApiDocNamesTheOpenApiPaths() throws IOException {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(
        new FileSystemResource(root.resolve("service/src/main/resources/application.yml")));
    Properties properties = yaml.getObject();
    String apiDoc = read(root.resolve("docs/api.md"));
    for (String key : List.of("springdoc.api-docs.path", "springdoc.swagger-ui.path")) {
      String path = properties.getProperty(key);
      assertThat(path).as(key).isNotBlank();
      assertThat(apiDoc).as("docs/api.md names %s (%s)", path, key).contains("`" + path + "`");
    }
  }

  @Test
  void theReadmeIsADoor() throws IOException {
    long size = Files.size(root.resolve("README.md"));
    assertThat(size).as("README.md bytes").isLessThanOrEqualTo(README_LIMIT_BYTES);
  }

  // The checkers can fail.

  @Test
  void aCommandMissingFromTheDocsIsReported() {
    List<String> commands = commands(help);
    String withoutPnl = userDocs().replace("./twinledger pnl", "./twinledger");
    assertThat(undocumentedCommands(commands, withoutPnl)).containsExactly("pnl");
    // verify-proof does not document verify.
    String onlyProofs =
        userDocs().replaceAll("\\./twinledger verify(?![a-z-])", "./twinledger verify-proof");
    assertThat(undocumentedCommands(commands, onlyProofs)).containsExactly("verify");
  }

  @Test
  void anEndpointMissingFromTheApiDocOrWithOtherRolesIsReported() {
    List<Endpoint> fixture = endpoints(List.of(FixtureController.class));
    assertThat(fixture)
        .containsExactly(
            new Endpoint("POST", "/api/v1/fixtures", Set.of("OPERATOR")),
            new Endpoint("GET", "/api/v1/fixtures/open", Set.of("public")),
            new Endpoint("GET", "/api/v1/fixtures/{fixtureId}", Set.of("AUDITOR", "INVESTOR")));

    String complete =
        """
        | `/api/v1/fixtures` | AUDITOR, INVESTOR, OPERATOR, public | Fixtures |
        | `GET /api/v1/fixtures/{fixtureId}` | INVESTOR, AUDITOR | One fixture |
        | `POST /api/v1/fixtures` | OPERATOR | Add one, with a \\| in the text |
        | `GET /api/v1/fixtures/open` | public | Open to all |
        """;
    assertThat(apiDocProblems(fixture, complete)).isEmpty();

    assertThat(apiDocProblems(fixture, complete.replace("| `POST /api/v1/fixtures` |", "| x |")))
        .containsExactly("POST /api/v1/fixtures: no row in docs/api.md");
    assertThat(apiDocProblems(fixture, complete.replace("| OPERATOR |", "| FINANCE_OFFICER |")))
        .containsExactly(
            "POST /api/v1/fixtures: docs/api.md says [FINANCE_OFFICER], the code admits"
                + " [OPERATOR]");
    assertThat(apiDocProblems(fixture, complete.replace("`/api/v1/fixtures` |", "`/x` |")))
        .containsExactly("/api/v1/fixtures: no row in docs/api.md");
    assertThat(
            apiDocProblems(
                fixture,
                complete + "| `DELETE /api/v1/fixtures/{fixtureId}` | OPERATOR | Gone |\n"))
        .containsExactly("DELETE /api/v1/fixtures/{fixtureId}: in docs/api.md, not in the code");
  }

  // Commands.

  /** The command names of a help text: the lines of its Commands section indented by two. */
  static List<String> commands(String help) {
    List<String> commands = new ArrayList<>();
    boolean inCommands = false;
    for (String line : help.split("\n", -1)) {
      if (line.startsWith("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.isBlank()) {
        break;
      } else if (inCommands) {
        Matcher command = COMMAND_LINE.matcher(line);
        if (command.find()) {
          commands.add(command.group(1));
        }
      }
    }
    return commands;
  }

  /** The commands never shown as {@code ./twinledger <command>} in the given text. */
  static List<String> undocumentedCommands(List<String> commands, String docs) {
    return commands.stream()
        .filter(
            c ->
                !Pattern.compile("\\./twinledger " + Pattern.quote(c) + "(?![a-z-])")
                    .matcher(docs)
                    .find())
        .toList();
  }

  private static String help() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Cli.run(
            new String[] {"help"},
            TwinLedgerApplication.class,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String userDocs() {
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      return Stream.concat(
              Stream.of(root.resolve("README.md")),
              docs.filter(p -> p.toString().endsWith(".md")).sorted())
          .map(DocsCoverageTest::read)
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Endpoints.

  /** One handler method: its HTTP method, full path and the roles it admits. */
  record Endpoint(String method, String path, Set<String> roles) {

    /** {@code /api/v1/<first segment>}, or the whole path outside {@code /api/v1}. */
    String prefix() {
      Matcher prefix = PREFIX_KEY.matcher(path);
      return prefix.lookingAt() ? prefix.group() : path;
    }

    String key() {
      return method + " " + path;
    }
  }

  /** Every {@code @RestController} of TwinLedger's production classes on the class path. */
  private static List<Class<?>> controllers() {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
    List<Class<?>> controllers = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents("io.twinledger")) {
      Class<?> type = load(candidate.getBeanClassName());
      if (!isTestClass(type)) {
        controllers.add(type);
      }
    }
    return controllers;
  }

  /** The endpoints of some controllers, sorted by path and method. */
  static List<Endpoint> endpoints(List<Class<?>> controllers) {
    List<Endpoint> found = new ArrayList<>();
    for (Class<?> controller : controllers) {
      RequestMapping base =
          AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
      String[] basePaths =
          base == null || base.path().length == 0 ? new String[] {""} : base.path();
      for (Method method : controller.getDeclaredMethods()) {
        RequestMapping mapping =
            AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
        if (mapping == null) {
          continue;
        }
        String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
        List<String> verbs =
            mapping.method().length == 0
                ? List.of("ANY")
                : Arrays.stream(mapping.method()).map(Enum::name).toList();
        for (String basePath : basePaths) {
          for (String path : paths) {
            for (String verb : verbs) {
              found.add(new Endpoint(verb, join(basePath, path), roles(method)));
            }
          }
        }
      }
    }
    found.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
    return found;
  }

  /**
   * What docs/api.md gets wrong: a prefix or endpoint without a row, a row whose roles differ from
   * the code's, an endpoint row the code does not serve. A row is a Markdown table row whose first
   * cell is the prefix or {@code METHOD /path} in backticks, and whose second cell lists the roles
   * ({@code public} for an endpoint open to all).
   */
  static List<String> apiDocProblems(List<Endpoint> endpoints, String apiDoc) {
    Map<String, Set<String>> rows = roleRows(apiDoc);
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> prefixes = new LinkedHashMap<>();
    for (Endpoint endpoint : endpoints) {
      prefixes.computeIfAbsent(endpoint.prefix(), p -> new TreeSet<>()).addAll(endpoint.roles());
    }
    prefixes.forEach((prefix, roles) -> compare(prefix, roles, rows, problems));
    for (Endpoint endpoint : endpoints) {
      compare(endpoint.key(), endpoint.roles(), rows, problems);
    }
    Set<String> served = endpoints.stream().map(Endpoint::key).collect(Collectors.toSet());
    rows.keySet().stream()
        .filter(key -> ENDPOINT_KEY.matcher(key).matches() && !served.contains(key))
        .forEach(key -> problems.add(key + ": in docs/api.md, not in the code"));
    return problems;
  }

  private static void compare(
      String key, Set<String> roles, Map<String, Set<String>> rows, List<String> problems) {
    Set<String> documented = rows.get(key);
    if (documented == null) {
      problems.add(key + ": no row in docs/api.md");
    } else if (!documented.equals(roles)) {
      problems.add(
          key
              + ": docs/api.md says "
              + new TreeSet<>(documented)
              + ", the code admits "
              + new TreeSet<>(roles));
    }
  }

  /** First cell (without its backticks) → the roles in the second, for rows keyed in backticks. */
  private static Map<String, Set<String>> roleRows(String markdown) {
    Map<String, Set<String>> rows = new LinkedHashMap<>();
    for (String line : markdown.split("\n")) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("|")) {
        continue;
      }
      String[] cells = CELL_SEPARATOR.split(trimmed.substring(1), -1);
      if (cells.length < 2) {
        continue;
      }
      String first = cells[0].trim();
      if (first.length() > 2 && first.startsWith("`") && first.endsWith("`")) {
        Set<String> roles =
            Arrays.stream(cells[1].split(","))
                .map(String::trim)
                .filter(r -> !r.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        rows.putIfAbsent(first.substring(1, first.length() - 1), roles);
      }
    }
    return rows;
  }

  private static Set<String> roles(Method method) {
    if (AnnotatedElementUtils.hasAnnotation(method, PermitAll.class)) {
      return Set.of("public");
    }
    RolesAllowed allowed = AnnotatedElementUtils.findMergedAnnotation(method, RolesAllowed.class);
    // EndpointRoles refuses a handler without @RolesAllowed to everyone.
    return allowed == null ? Set.of("nobody") : Set.of(allowed.value());
  }

  private static String join(String base, String path) {
    if (path.isEmpty()) {
      return base;
    }
    return base + (path.startsWith("/") ? path : "/" + path);
  }

  private static boolean isTestClass(Class<?> type) {
    String location = type.getProtectionDomain().getCodeSource().getLocation().toString();
    return location.contains("/test-classes/") || location.endsWith("-tests.jar");
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, DocsCoverageTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  // Files.

  private static Path repositoryRoot() {
    try {
      Path dir =
          Path.of(
              DocsCoverageTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (; dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("README.md"))
            && Files.isDirectory(dir.resolve("docs"))
            && Files.isRegularFile(dir.resolve("mvnw"))) {
          return dir;
        }
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no repository root above the test classes");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A controller the checkers are run on. Abstract, so that the Spring Boot tests' component scan
   * of {@code io.twinledger} does not register it; in the test classes, so the scan above skips it.
   */
  @RestController
  @RequestMapping("/api/v1/fixtures")
  abstract static class FixtureController {

    @GetMapping("/{fixtureId}")
    @RolesAllowed({Roles.INVESTOR, Roles.AUDITOR})
    public String one() {
      return "";
    }

    @PostMapping
    @RolesAllowed(Roles.OPERATOR)
    public String add() {
      return "";
    }

    @GetMapping("open")
    @PermitAll
    public String open() {
      return "";
    }
  }
}

package io.twinledger.service.cli;

import io.twinledger.twin.net.NetworkFailure;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a CLI command reaches a running service: {@code --url} (or {@code TWINLEDGER_URL}, default
 * {@code http://localhost:8080}), {@code --user} (or {@code TWINLEDGER_USER}, default {@code
 * operator}) and the password from {@code TWINLEDGER_PASSWORD} or a terminal prompt.
 *
 * @param options the command's other {@code --name value} options
 */
record ServiceConnection(String url, String user, String password, Map<String, String> options) {

  /** Thrown for unusable command lines; the message is the one line to print. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Parses {@code --name value} options from {@code args}.
   *
   * @param allowed the command's own option names, besides {@code --url} and {@code --user}
   */
  static ServiceConnection parse(String[] args, Map<String, String> env, String... allowed)
      throws UsageException {
    String url = env.getOrDefault("TWINLEDGER_URL", "http://localhost:8080");
    String user = env.getOrDefault("TWINLEDGER_USER", "operator");
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new UsageException(name + " needs a value");
      }
      String value = args[++i];
      switch (name) {
        case "--url" -> url = value;
        case "--user" -> user = value;
        default -> {
          if (!Arrays.asList(allowed).contains(name)) {
            throw new UsageException("unknown option " + name);
          }
          options.put(name, value);
        }
      }
    }
    String password = env.get("TWINLEDGER_PASSWORD");
    if (password == null) {
      Console console = System.console();
      char[] typed = console == null ? null : console.readPassword("Password for %s: ", user);
      if (typed == null) {
        throw new UsageException("set TWINLEDGER_PASSWORD or run on a terminal");
      }
      password = new String(typed);
    }
    return new ServiceConnection(url.replaceAll("/+$", ""), user, password, Map.copyOf(options));
  }

  Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** A request to {@code path} on the service, authenticated. */
  HttpRequest.Builder request(String path) {
    String credentials =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(url + path))
        .header("Authorization", "Basic " + credentials);
  }

  /**
   * GETs {@code path} as JSON; on any status but 200 prints one line with the problem's detail and
   * returns null.
   */
  JsonNode getJson(String path, PrintStream err) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                request(path).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      err.println(
          "twinledger: "
              + path
              + " answered HTTP "
              + response.statusCode()
              + ": "
              + problemDetail(response.body()));
      return null;
    }
    return JsonMapper.shared().readTree(response.body());
  }

  /**
   * Sends {@code method} to {@code path}, with {@code json} as the body when present.
   *
   * @param body how to read the answer's body
   */
  <T> HttpResponse<T> send(
      String method, String path, Optional<String> json, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path);
    if (json.isPresent()) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json.get()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HttpClient.newHttpClient().send(request.build(), body);
  }

  /** An exchange with the service, which may fail on the way. */
  interface Exchange {
    int run() throws IOException, InterruptedException;
  }

  /**
   * Runs {@code exchange} and returns its exit code; a failure to reach the service is one line
   * naming its cause, and exit code 1.
   */
  int exchange(Exchange exchange, PrintStream err) {
    try {
      return exchange.run();
    } catch (IOException e) {
      err.println(
          "twinledger: cannot reach the service: "
              + NetworkFailure.cause(e, URI.create(url).getHost()));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("twinledger: interrupted");
      return 1;
    }
  }

  /**
   * An answer other than success as one line without the {@code twinledger: } prefix: an RFC 9457
   * problem as {@code <title>: <detail>}, anything else as {@code HTTP <status>: <body>}.
   */
  static String problemLine(int status, String body) {
    try {
      JsonNode problem = JsonMapper.shared().readTree(body);
      String title = problem.path("title").asString("");
      String detail = problem.path("detail").asString("");
      if (!title.isBlank()) {
        return detail.isBlank() ? title : title + ": " + detail;
      }
    } catch (JacksonException e) {
      // not a problem document: the status says what happened
    }
    return body.isBlank() ? "HTTP " + status : "HTTP " + status + ": " + body.strip();
  }

  /** The {@code detail} of an RFC 9457 problem, or the body itself when it is not one. */
  static String problemDetail(String body) {
    try {
      String detail = JsonMapper.shared().readTree(body).path("detail").asString("");
      return detail.isBlank() ? body : detail;
    } catch (JacksonException e) {
      return body;
    }
  }
}

package io.twinledger.service.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A browser-like HTTP client for the web UI: it keeps the session cookie, follows no redirects (so
 * tests see them), and sends forms with the CSRF token the last page carried. Demo users' passwords
 * are their names.
 */
public final class UiSession {

  private static final Pattern CSRF =
      Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final String base;
  private String csrf = "";

  public UiSession(int port) {
    this.base = "http://localhost:" + port;
  }

  /** An answer: status, the {@code Location} header or empty, and the body. */
  public record Page(int status, String location, String body) {}

  /** Signs in through the form, as a browser does; the answer is the form's redirect. */
  public Page signIn(String user) {
    get("/login");
    return post("/login", Map.of("username", user, "password", user));
  }

  /** A GET; the page's CSRF token is kept for the next form. */
  public Page get(String path) {
    Page page = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    Matcher token = CSRF.matcher(page.body());
    if (token.find()) {
      csrf = token.group(1);
    }
    return page;
  }

  /**
   * A file as a GET answers it: status, the {@code Content-Type} and {@code Content-Disposition}
   * headers (empty when absent), and the bytes.
   */
  public record Download(int status, String contentType, String disposition, byte[] body) {}

  /** A GET of a file, such as a download link's target. */
  public Download download(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Download(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Content-Disposition").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens a GET whose body is read as it arrives, a line at a time, as a browser's EventSource
   * reads server-sent events. The answer returns once the headers are in; closing the body's stream
   * ends the request.
   */
  public HttpResponse<Stream<String>> stream(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Accept", "text/event-stream")
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw new IllegalStateException(path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A form POST with the CSRF token of the last page read. */
  public Page post(String path, Map<String, String> form) {
    return postRaw(path, withCsrf(form));
  }

  /** A form POST exactly as given: no CSRF token unless the form has one. */
  public Page postRaw(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Map<String, String> withCsrf(Map<String, String> form) {
    var all = new LinkedHashMap<>(form);
    all.put("_csrf", csrf);
    return all;
  }

  private Page send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Page(
          response.statusCode(),
          response.headers().firstValue("Location").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.build().uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

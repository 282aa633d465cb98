package io.twinledger.service.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the service under test. Demo users' passwords are their names. */
public final class Api {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final JsonMapper json;

  public Api(int port, JsonMapper json) {
    this.base = "http://localhost:" + port;
    this.json = json;
  }

  /** An HTTP answer with its body parsed as JSON where it is JSON. */
  public record Response(
      int status, String contentType, String body, JsonMapper mapper, HttpHeaders headers) {

    public JsonNode json() {
      return mapper.readTree(body);
    }
  }

  public Response get(String path, String user) {
    return send("GET", path, user, null);
  }

  public Response post(String path, String user, String body) {
    return send("POST", path, user, body);
  }

  public Response put(String path, String user, String body) {
    return send("PUT", path, user, body);
  }

  /** A GET whose body is bytes (a file, such as a gzip bundle); {@code user} null: anonymous. */
  public HttpResponse<byte[]> download(String path, String user) {
    return download(path, user, HttpRequest.newBuilder(URI.create(base + path)));
  }

  /**
   * A GET that accepts a gzip-compressed body ({@code Accept-Encoding: gzip}), as browsers and curl
   * --compressed ask; the body is as sent, compressed or not.
   */
  public HttpResponse<byte[]> downloadCompressed(String path, String user) {
    return download(
        path,
        user,
        HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Encoding", "gzip"));
  }

  private HttpResponse<byte[]> download(String path, String user, HttpRequest.Builder request) {
    String authorization = basic(user);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code gzip} uncompressed. */
  public static byte[] gunzip(byte[] gzip) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a request; {@code user} null means anonymous, {@code body} null means none. */
  public Response send(String method, String path, String user, String body) {
    return sendAuthorized(method, path, basic(user), body);
  }

  private static String basic(String user) {
    return user == null
        ? null
        : "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends a request with a body of the given content type; none when {@code contentType} is null.
   */
  public Response send(String method, String path, String user, String body, String contentType) {
    return sendAuthorized(method, path, basic(user), body, contentType);
  }

  /** Sends a request with the given {@code Authorization} header value, or none when null. */
  public Response sendAuthorized(String method, String path, String authorization, String body) {
    return sendAuthorized(method, path, authorization, body, "application/json");
  }

  private Response sendAuthorized(
      String method, String path, String authorization, String body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null && contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      Optional<String> type = response.headers().firstValue("Content-Type");
      return new Response(
          response.statusCode(), type.orElse(""), response.body(), json, response.headers());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

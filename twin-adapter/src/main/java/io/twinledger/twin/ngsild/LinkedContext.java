package io.twinledger.twin.ngsild;

import java.net.URI;
import java.util.Objects;

/**
 * An {@code @context} named by the HTTP {@code Link} header with relation {@code
 * http://www.w3.org/ns/json-ld#context} ({@code application/json} notifications).
 *
 * @param uri the absolute context URI
 */
public record LinkedContext(URI uri) implements JsonLdContext {

  public LinkedContext {
    Objects.requireNonNull(uri, "uri");
  }
}

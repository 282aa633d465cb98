package io.twinledger.twin.ngsild;

import java.net.URI;
import java.util.List;

/**
 * An {@code @context} carried in the notification body ({@code application/ld+json}).
 *
 * @param references the context URIs it lists, in order; embedded context objects are not listed
 * @param json the {@code @context} member exactly as received, as compact JSON
 */
public record InlineContext(List<URI> references, String json) implements JsonLdContext {

  public InlineContext {
    references = List.copyOf(references);
    Require.text(json, "json");
  }
}

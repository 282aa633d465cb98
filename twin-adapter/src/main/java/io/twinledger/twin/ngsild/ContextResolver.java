package io.twinledger.twin.ngsild;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Decides which {@link JsonLdContext} applies to a notification, and checks its form. */
final class ContextResolver {

  private ContextResolver() {}

  static JsonLdContext resolve(
      Optional<JsonNode> inline, Optional<String> linkHeader, ObjectMapper mapper)
      throws InvalidNotificationException {
    if (inline.isPresent()) {
      // JSON-LD 1.1 API: a document that carries its own context ignores the Link header.
      return inlineContext(inline.get(), mapper);
    }
    if (linkHeader.isPresent()) {
      Optional<String> linked = ContextLinkHeader.contextTarget(linkHeader.get());
      if (linked.isPresent()) {
        // There is no base to resolve a relative context reference against.
        return new LinkedContext(absolute(linked.get(), "Link header: JSON-LD context"));
      }
    }
    return new ImplicitCoreContext();
  }

  private static InlineContext inlineContext(JsonNode context, ObjectMapper mapper)
      throws InvalidNotificationException {
    FieldPath path = FieldPath.of("@context");
    List<URI> references = new ArrayList<>();
    if (context.isString()) {
      references.add(absolute(context.stringValue(), path.toString()));
    } else if (context.isArray()) {
      for (int i = 0; i < context.size(); i++) {
        JsonNode entry = context.get(i);
        if (entry.isString()) {
          references.add(absolute(entry.stringValue(), path.index(i).toString()));
        } else if (!entry.isObject()) {
          throw new InvalidNotificationException(
              path.index(i).says("is neither a context URI nor a context object"));
        }
      }
    } else if (!context.isObject()) {
      throw new InvalidNotificationException(
          path.says("is neither a context URI, an array nor a context object"));
    }
    return new InlineContext(references, mapper.writeValueAsString(context));
  }

  private static URI absolute(String text, String where) throws InvalidNotificationException {
    try {
      URI uri = new URI(text);
      if (uri.isAbsolute()) {
        return uri;
      }
    } catch (URISyntaxException malformed) {
      // reported below, with the same reason as a relative reference
    }
    throw new InvalidNotificationException(
        where + ": is not an absolute URI: " + QuotedText.of(text));
  }
}

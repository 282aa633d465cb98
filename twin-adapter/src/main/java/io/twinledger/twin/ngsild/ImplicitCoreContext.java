package io.twinledger.twin.ngsild;

/**
 * No {@code @context} was sent, inline or linked: terms are as the broker compacted them with the
 * NGSI-LD core context, whose unknown terms expand under {@code
 * https://uri.etsi.org/ngsi-ld/default-context/}.
 */
public record ImplicitCoreContext() implements JsonLdContext {}

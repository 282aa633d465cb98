package io.twinledger.twin.ngsild;

/**
 * The JSON-LD {@code @context} that gave a notification's terms their meaning. It is recorded, not
 * fetched: TwinLedger reads notifications offline and keeps the context as evidence.
 *
 * <p>Precedence follows the JSON-LD 1.1 API: a context inside the body wins, and a Link header is
 * then ignored (a broker sends {@code application/ld+json} with the context inline, or {@code
 * application/json} with a Link header). Without either, the NGSI-LD core context applies.
 */
public sealed interface JsonLdContext permits InlineContext, LinkedContext, ImplicitCoreContext {}

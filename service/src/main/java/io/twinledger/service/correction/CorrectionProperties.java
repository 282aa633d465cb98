package io.twinledger.service.correction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How corrections of stored readings are decided ({@code twinledger.twin.corrections.*}).
 *
 * @param fourEyes a correction that changes a period already closed waits until a finance officer
 *     other than its requester approves it; when off, it applies at once
 */
@ConfigurationProperties("twinledger.twin.corrections")
public record CorrectionProperties(@DefaultValue("true") boolean fourEyes) {}

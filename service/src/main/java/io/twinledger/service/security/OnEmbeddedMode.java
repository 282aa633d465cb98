package io.twinledger.service.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Only in embedded mode ({@code twinledger.security.mode=embedded}, the default). */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(
    name = "twinledger.security.mode",
    havingValue = "embedded",
    matchIfMissing = true)
@interface OnEmbeddedMode {}

package io.twinledger.service.db;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code twinledger.db.url} is unset or blank, i.e. the embedded server is wanted. */
final class NoExternalDatabase implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String url = context.getEnvironment().getProperty("twinledger.db.url");
    return url == null || url.isBlank();
  }
}

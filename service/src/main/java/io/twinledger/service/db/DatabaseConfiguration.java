package io.twinledger.service.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.twinledger.ledger.store.LocalPostgres;
import io.twinledger.service.TwinLedgerProperties;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Chooses the PostgreSQL: the external one when {@code twinledger.db.url} is set, otherwise an
 * embedded server whose data lives in {@code <data-dir>/pg}, reached as its application role with
 * the generated password (see {@link LocalPostgres}). Schema comes from Flyway only.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

  static final String EMBEDDED_DATABASE = "twinledger";

  @Bean(destroyMethod = "close")
  @Conditional(NoExternalDatabase.class)
  LocalPostgres localPostgres(TwinLedgerProperties properties) {
    // Closed by the context, after the data source, processors and consumers that use it.
    return LocalPostgres.start(
        properties.dataDir().resolve("pg").toAbsolutePath(),
        LocalPostgres.Durability.DURABLE,
        LocalPostgres.Lifetime.UNTIL_CLOSED);
  }

  // The embedded server, when there is one, is created while this bean is, so the context destroys
  // this bean (and the pool) before it.
  @Bean(destroyMethod = "close")
  DataSource dataSource(TwinLedgerProperties properties, ObjectProvider<LocalPostgres> local) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("twinledger");
    config.setMaximumPoolSize(10);
    TwinLedgerProperties.Db db = properties.db();
    if (db.url().isPresent()) {
      config.setJdbcUrl(db.url().get());
      db.user().ifPresent(config::setUsername);
      db.password().ifPresent(config::setPassword);
    } else {
      // The application role, not the superuser: Flyway migrates through this pool too, so the
      // role owns what the migrations create.
      LocalPostgres.Login login = local.getObject().ensureDatabase(EMBEDDED_DATABASE);
      config.setJdbcUrl(login.jdbcUrl());
      config.setUsername(login.user());
      config.setPassword(login.password());
    }
    return new HikariDataSource(config);
  }

  @Bean
  PlatformTransactionManager transactionManager(DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }

  @Bean
  JdbcClient jdbcClient(DataSource dataSource) {
    return JdbcClient.create(dataSource);
  }
}

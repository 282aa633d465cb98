package io.twinledger.service.correction;

import io.twinledger.twin.correction.CorrectionBook;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The twin adapter's correction store and the correction settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorrectionProperties.class)
public class CorrectionConfiguration {

  @Bean
  CorrectionBook correctionBook(DataSource dataSource) {
    return new CorrectionBook(dataSource);
  }
}

package org.communityhub.runtime;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The default database: an embedded PostgreSQL, unless {@code spring.datasource.url} points elsewhere. Its
 * DataSource makes Spring Boot's own one back off, and Flyway and JPA use this one.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDataSourceUrl.class)
@EnableConfigurationProperties({DataDirectoryProperties.class, EmbeddedPostgresProperties.class})
class EmbeddedPostgresConfiguration {

  @Bean(initMethod = "start")
  @Lazy(false)
  EmbeddedPostgresServer embeddedPostgres(DataDirectoryProperties dataDir, EmbeddedPostgresProperties properties) {
    return new EmbeddedPostgresServer(dataDir.root(), properties);
  }

  /** spring.datasource.hikari.* still tunes the pool. */
  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgresServer postgres) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setPoolName("embedded-postgres");
    dataSource.setJdbcUrl(postgres.jdbcUrl());
    dataSource.setUsername(EmbeddedPostgresServer.USER);
    return dataSource;
  }

  static final class NoDataSourceUrl extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"))
          ? ConditionOutcome.noMatch("spring.datasource.url is set: an external PostgreSQL")
          : ConditionOutcome.match("spring.datasource.url is not set: the embedded PostgreSQL");
    }
  }
}

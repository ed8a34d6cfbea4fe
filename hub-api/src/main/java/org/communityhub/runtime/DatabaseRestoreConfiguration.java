package org.communityhub.runtime;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** With {@code hub.restore.from} set, the backup is restored before Flyway migrates (it may be older). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RestoreProperties.class)
class DatabaseRestoreConfiguration {

  @Bean
  FlywayMigrationStrategy restoreBackupThenMigrate(RestoreProperties restore, DataSource dataSource,
      Environment environment) {
    return flyway -> {
      if (restore.from() != null) {
        new DatabaseRestore(restore).restoreInto(dataSource, environment.getProperty("spring.datasource.password"));
      }
      flyway.migrate();
    };
  }
}

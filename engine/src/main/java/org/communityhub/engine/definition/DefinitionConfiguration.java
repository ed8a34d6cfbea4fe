package org.communityhub.engine.definition;

import java.nio.file.Path;
import org.communityhub.pathways.ModelerLint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthoringSettings.class)
class DefinitionConfiguration {

  @Bean
  ModelerLint modelerLint(AuthoringSettings settings) {
    return new ModelerLint(Path.of(settings.modelerLint()));
  }
}

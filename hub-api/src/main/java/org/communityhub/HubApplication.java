package org.communityhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Community HUB pathway engine: registry, checklists, pathways and outcome-based payment. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

  public static void main(String[] args) {
    SpringApplication.run(HubApplication.class, args);
  }
}

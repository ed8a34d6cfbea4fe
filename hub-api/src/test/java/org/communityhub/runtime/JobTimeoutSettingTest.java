package org.communityhub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;

/**
 * A job handed to a worker that is then killed comes back only when its timeout runs out: the application's
 * own setting keeps that to tens of seconds, not the starter's 5-minute default (bench/crash-loop measures it).
 */
class JobTimeoutSettingTest {

  @Test
  void jobWorkersHoldAJobForTensOfSecondsNotTheFiveMinuteDefault() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    Properties settings = yaml.getObject();

    String timeout = settings.getProperty("camunda.client.worker.defaults.timeout");
    assertThat(timeout).as("camunda.client.worker.defaults.timeout in application.yaml").isNotBlank();
    assertThat(DurationStyle.detectAndParse(timeout)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(60));
  }
}

package org.communityhub.api.idempotency;

import org.communityhub.engine.support.HubClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencySettings.class)
@EnableScheduling
class IdempotencyConfiguration implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

  private final IdempotentRequests requests;
  private final IdempotencySettings settings;
  private final HubClock clock;

  IdempotencyConfiguration(IdempotentRequests requests, IdempotencySettings settings, HubClock clock) {
    this.requests = requests;
    this.settings = settings;
    this.clock = clock;
  }

  /** The filter runs in the security chain (SecurityConfiguration), not as a servlet filter of its own. */
  @Bean
  FilterRegistrationBean<IdempotencyFilter> idempotencyOnlyInTheSecurityChain(IdempotencyFilter filter) {
    FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setEnabled(false);
    return registration;
  }

  /** Answers older than the retention are forgotten; a delete by age is safe to run on every instance. */
  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(() -> {
      int forgotten = requests.forgetOlderThan(clock.now().minus(settings.retention()));
      if (forgotten > 0) {
        log.info("Forgot {} idempotent answers older than {}", forgotten, settings.retention());
      }
    }, settings.purgeInterval());
  }
}

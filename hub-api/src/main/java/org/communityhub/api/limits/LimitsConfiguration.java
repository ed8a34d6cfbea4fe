package org.communityhub.api.limits;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitSettings.class)
class LimitsConfiguration {

  /** The body limit runs in the security chain (SecurityConfiguration), not as a servlet filter of its own. */
  @Bean
  FilterRegistrationBean<RequestBodyLimit> bodyLimitOnlyInTheSecurityChain(RequestBodyLimit limit) {
    FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(limit);
    registration.setEnabled(false);
    return registration;
  }
}

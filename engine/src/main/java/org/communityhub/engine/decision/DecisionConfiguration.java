package org.communityhub.engine.decision;

import org.communityhub.rules.RulePackageRegistry;
import org.communityhub.rules.eligibility.Eligibility;
import org.communityhub.rules.payment.PaymentMilestones;
import org.communityhub.rules.risk.RiskScoring;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The compiled rule packages of this instance, and one facade per decision over them. Engine code only
 * ever sees the facades; each decision reports the package version that made it. The registry starts empty:
 * {@link ActiveRulePackages} fills it at start with the versions PostgreSQL has in force.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RuleSettings.class)
class DecisionConfiguration {

  @Bean
  RulePackageRegistry rulePackageRegistry() {
    return new RulePackageRegistry();
  }

  @Bean
  RiskScoring riskScoring(RulePackageRegistry registry) {
    return new RiskScoring(registry);
  }

  @Bean
  Eligibility eligibility(RulePackageRegistry registry) {
    return new Eligibility(registry);
  }

  @Bean
  PaymentMilestones paymentMilestones(RulePackageRegistry registry) {
    return new PaymentMilestones(registry);
  }
}

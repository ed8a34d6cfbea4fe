package org.communityhub.engine.decision;

import org.communityhub.rules.RulePackageRegistry;
import org.communityhub.rules.eligibility.Eligibility;
import org.communityhub.rules.payment.PaymentMilestones;
import org.communityhub.rules.risk.RiskScoring;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rule packages compiled from DRL at start-up, and one facade per decision over them. Engine code only
 * ever sees the facades; each decision reports the package version that made it.
 */
@Configuration(proxyBeanMethods = false)
class DecisionConfiguration {

  @Bean
  RulePackageRegistry rulePackageRegistry() {
    return RulePackageRegistry.withDefaultPackages();
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

package org.communityhub.runtime;

import io.camunda.client.CamundaClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.util.ClassUtils;

/** The local engine mode (the default): a Zeebe broker this application starts and stops. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.engine.mode", havingValue = "local", matchIfMissing = true)
@EnableConfigurationProperties({DataDirectoryProperties.class, LocalBrokerProperties.class})
class LocalBrokerConfiguration {

  static final String BROKER_BEAN = "localZeebeBroker";

  /** Eager and blocking: its initialisation returns only once the broker is healthy. */
  @Bean(name = BROKER_BEAN, initMethod = "start")
  @Lazy(false)
  LocalZeebeBroker localZeebeBroker(DataDirectoryProperties dataDir, LocalBrokerProperties properties) {
    return new LocalZeebeBroker(dataDir.root(), properties);
  }

  /**
   * The starter deploys @Deployment resources and opens @JobWorker streams with its client as soon as the
   * client exists; making every client bean depend on the broker makes "client exists" mean "broker ready"
   * (and closes the clients before the broker on shutdown).
   */
  @Bean
  static BeanFactoryPostProcessor camundaClientsAfterLocalBroker() {
    return LocalBrokerConfiguration::dependOnBroker;
  }

  static void dependOnBroker(ConfigurableListableBeanFactory beanFactory) {
    List<String> clients = new ArrayList<>(Arrays.asList(beanFactory.getBeanNamesForType(CamundaClient.class, true, false)));
    // The 8.8 starter still registers the deprecated ZeebeClient (zeebeClient) when its classes are present.
    String legacy = "io.camunda.zeebe.client.ZeebeClient";
    if (ClassUtils.isPresent(legacy, beanFactory.getBeanClassLoader())) {
      clients.addAll(Arrays.asList(beanFactory.getBeanNamesForType(
          ClassUtils.resolveClassName(legacy, beanFactory.getBeanClassLoader()), true, false)));
    }
    for (String client : clients) {
      if (!beanFactory.containsBeanDefinition(client)) {
        continue;
      }
      BeanDefinition definition = beanFactory.getBeanDefinition(client);
      List<String> dependsOn = new ArrayList<>();
      if (definition.getDependsOn() != null) {
        dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
      }
      if (!dependsOn.contains(BROKER_BEAN)) {
        dependsOn.add(BROKER_BEAN);
        definition.setDependsOn(dependsOn.toArray(String[]::new));
      }
    }
  }
}

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
  static final String BROKER_READY_BEAN = "localZeebeBrokerReady";
  /** The database's beans (embedded server, data source): the broker is launched before them. */
  static final List<String> DATABASE_BEANS = List.of("embeddedPostgres", "dataSource");

  /** Launched, not yet ready: the broker's JVM boots while PostgreSQL, Flyway and JPA start. */
  @Bean(name = BROKER_BEAN, initMethod = "launch")
  @Lazy(false)
  LocalZeebeBroker localZeebeBroker(DataDirectoryProperties dataDir, LocalBrokerProperties properties) {
    return new LocalZeebeBroker(dataDir.root(), properties);
  }

  /** Exists once the broker answers healthy. */
  @Bean(name = BROKER_READY_BEAN)
  @Lazy(false)
  LocalBrokerReady localZeebeBrokerReady(LocalZeebeBroker broker) {
    broker.awaitReady();
    return new LocalBrokerReady();
  }

  /** A marker: a bean that depends on it is created after the local broker is healthy. */
  static final class LocalBrokerReady {
  }

  /**
   * The starter deploys @Deployment resources and opens @JobWorker streams with its client as soon as the
   * client exists; making every client bean depend on the broker's readiness makes "client exists" mean
   * "broker ready" (and closes the clients before the broker on shutdown). The data source depends on the
   * broker's launch: the broker takes longest to start, so it starts first and boots in parallel.
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
      addDependency(beanFactory, client, BROKER_READY_BEAN);
    }
    for (String database : DATABASE_BEANS) {
      addDependency(beanFactory, database, BROKER_BEAN);
    }
  }

  private static void addDependency(ConfigurableListableBeanFactory beanFactory, String bean, String dependency) {
    if (!beanFactory.containsBeanDefinition(bean)) {
      return;
    }
    BeanDefinition definition = beanFactory.getBeanDefinition(bean);
    List<String> dependsOn = new ArrayList<>();
    if (definition.getDependsOn() != null) {
      dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
    }
    if (!dependsOn.contains(dependency)) {
      dependsOn.add(dependency);
      definition.setDependsOn(dependsOn.toArray(String[]::new));
    }
  }
}

package org.communityhub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

class LocalBrokerConfigurationTest {

  @Test
  void makesEveryCamundaClientWaitForTheBrokersReadinessAndLaunchesTheBrokerBeforeTheDatabase() {
    DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
    RootBeanDefinition client = new RootBeanDefinition(CamundaClient.class);
    client.setDependsOn("jsonMapper");
    beanFactory.registerBeanDefinition("camundaClient", client);
    beanFactory.registerBeanDefinition("unrelated", new RootBeanDefinition(String.class));
    beanFactory.registerBeanDefinition("dataSource", new RootBeanDefinition(Object.class));

    LocalBrokerConfiguration.dependOnBroker(beanFactory);
    LocalBrokerConfiguration.dependOnBroker(beanFactory); // idempotent

    assertThat(beanFactory.getBeanDefinition("camundaClient").getDependsOn())
        .containsExactly("jsonMapper", LocalBrokerConfiguration.BROKER_READY_BEAN);
    assertThat(beanFactory.getBeanDefinition("dataSource").getDependsOn())
        .containsExactly(LocalBrokerConfiguration.BROKER_BEAN);
    assertThat(beanFactory.getBeanDefinition("unrelated").getDependsOn()).isNull();
  }
}

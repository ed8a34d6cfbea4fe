package org.communityhub.engine.workflow;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({OutboxSettings.class, RebuildSettings.class})
class WorkflowConfiguration {}

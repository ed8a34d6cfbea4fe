package org.communityhub.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The in-memory test engine is for process tests only: nothing of it may reach the application. */
class ApplicationClasspathTest {

  @Test
  void theInMemoryTestEngineIsNotOnTheApplicationsClasspath() {
    assertThatThrownBy(() -> Class.forName("io.camunda.zeebe.process.test.engine.EngineFactory"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}

package org.communityhub.runtime;

import org.springframework.context.ApplicationContext;

/**
 * For end-to-end tests in other packages: kills a running application's local broker as a crash would
 * (SIGKILL, the application keeps running) and starts it again on the same data and ports.
 */
public final class LocalBrokerCrash {

  private LocalBrokerCrash() {}

  /** The application forgets its broker, as after a crash, and the broker process is killed. */
  public static void kill(ApplicationContext application) {
    LocalZeebeBroker broker = broker(application);
    long pid = broker.pid();
    broker.abandon();
    TestProcesses.kill(pid);
  }

  /** Starts the broker again; returns once it is healthy (its start removes the dead broker's pid file). */
  public static void start(ApplicationContext application) {
    broker(application).start();
  }

  private static LocalZeebeBroker broker(ApplicationContext application) {
    return application.getBean(LocalBrokerConfiguration.BROKER_BEAN, LocalZeebeBroker.class);
  }
}

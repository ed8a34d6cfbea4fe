package org.communityhub.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link SharedRunningHub}: one application per test JVM, kept in the root store so
 * that JUnit closes it (and with it the embedded PostgreSQL and the broker child processes) when the run
 * ends, whatever failed; a session per test class in the class's store.
 */
final class SharedHub implements BeforeAllCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(SharedHub.class);

  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    RunningHub session = session(context);
    for (Field field : context.getRequiredTestClass().getDeclaredFields()) {
      if (field.getType() == RunningHub.class && Modifier.isStatic(field.getModifiers())) {
        field.setAccessible(true);
        field.set(null, session);
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RunningHub.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return session(context);
  }

  /** The class's session, opened on first use; the application started on the JVM's first use. */
  private static RunningHub session(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(RunningHub.class,
        key -> application(context).hub.newSession(), RunningHub.class);
  }

  private static SharedApplication application(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SharedApplication.class,
        key -> new SharedApplication(), SharedApplication.class);
  }

  /** The application and its temporary data directory, both gone when JUnit closes the root store. */
  private static final class SharedApplication implements ExtensionContext.Store.CloseableResource {

    private final Path dataDir;
    private final RunningHub hub;

    SharedApplication() {
      try {
        dataDir = Files.createTempDirectory("shared-hub-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      hub = RunningHub.start(dataDir);
    }

    @Override
    public void close() throws IOException {
      try {
        hub.close();
      } finally {
        try (Stream<Path> files = Files.walk(dataDir)) {
          files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
      }
    }
  }
}

package org.communityhub.runtime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/** A camunda-zeebe-&lt;version&gt;.tar.gz and where it is unpacked under the data directory. */
record BrokerDistribution(String version, Path archive) {

  private static final Logger log = LoggerFactory.getLogger(BrokerDistribution.class);
  private static final String BUILD_PROPERTIES = "META-INF/hub-build.properties";
  private static final String MARKER = ".unpacked";
  private static final Pattern ARCHIVE_NAME = Pattern.compile("camunda-zeebe-(.+)\\.tar\\.gz");

  /**
   * {@code hub.engine.local.distribution} if set, else the archive the build resolved, else the local Maven
   * repository's copy of {@code hub.engine.local.version}.
   */
  static BrokerDistribution locate(LocalBrokerProperties properties) {
    Properties build = buildProperties();
    String builtVersion = filtered(build.getProperty("zeebe-broker.version"));
    String builtArchive = filtered(build.getProperty("zeebe-broker.distribution"));

    if (properties.distribution() != null) {
      Path archive = properties.distribution().toAbsolutePath().normalize();
      if (!Files.isRegularFile(archive)) {
        throw new IllegalStateException(
            "hub.engine.local.distribution=" + archive + " is not a file: point it at a camunda-zeebe-<version>.tar.gz");
      }
      Matcher name = ARCHIVE_NAME.matcher(archive.getFileName().toString());
      String version = hasText(properties.version()) ? properties.version()
          : name.matches() ? name.group(1) : builtVersion;
      if (version == null) {
        throw new IllegalStateException("Cannot tell the broker version of " + archive + ": set hub.engine.local.version");
      }
      return new BrokerDistribution(version, archive);
    }

    String version = hasText(properties.version()) ? properties.version() : builtVersion;
    if (version == null) {
      throw new IllegalStateException(
          "No Zeebe broker version: set hub.engine.local.version (or hub.engine.local.distribution), "
              + "or build with Maven so that " + BUILD_PROPERTIES + " names it");
    }
    if (builtArchive != null && version.equals(builtVersion) && Files.isRegularFile(Path.of(builtArchive))) {
      return new BrokerDistribution(version, Path.of(builtArchive));
    }
    Path inRepository = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "camunda",
        "camunda-zeebe", version, "camunda-zeebe-" + version + ".tar.gz");
    if (Files.isRegularFile(inRepository)) {
      return new BrokerDistribution(version, inRepository);
    }
    throw new IllegalStateException(
        "Zeebe broker distribution " + version + " not found at " + inRepository
            + ": set hub.engine.local.distribution to a camunda-zeebe-" + version + ".tar.gz, or fetch it with "
            + "./mvnw dependency:get -Dartifact=io.camunda:camunda-zeebe:" + version + ":tar.gz");
  }

  /**
   * Unpacks once into {@code <root>/<version>/} (bin/, lib/, config/). The marker is written last and names
   * the archive, so a half-unpacked tree, or one from another archive, is unpacked again.
   */
  Path unpackInto(Path root) {
    Path home = root.resolve(version).toAbsolutePath().normalize();
    Path marker = home.resolve(MARKER);
    String stamp = archive + " " + size(archive);
    try {
      if (Files.isRegularFile(marker) && Files.readString(marker).equals(stamp)) {
        return home;
      }
      long started = System.nanoTime();
      if (Files.exists(home)) {
        FileSystemUtils.deleteRecursively(home);
      }
      Files.createDirectories(home);
      try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
          TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 1 << 16))) {
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
          extract(tar, entry, home);
        }
      }
      Files.writeString(marker, stamp);
      log.info("Unpacked Zeebe broker {} from {} into {} in {} ms", version, archive, home,
          (System.nanoTime() - started) / 1_000_000);
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack " + archive + " into " + home, e);
    }
  }

  private static void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path home) throws IOException {
    // The archive holds one top directory (camunda-zeebe-<version>/): drop it.
    String name = entry.getName();
    int slash = name.indexOf('/');
    String relative = slash < 0 ? "" : name.substring(slash + 1);
    if (relative.isEmpty()) {
      return;
    }
    Path target = home.resolve(relative).normalize();
    if (!target.startsWith(home)) {
      throw new IOException("Archive entry outside the target directory: " + name);
    }
    if (entry.isDirectory()) {
      Files.createDirectories(target);
    } else if (entry.isSymbolicLink()) {
      Files.createDirectories(target.getParent());
      Files.deleteIfExists(target);
      Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
    } else if (entry.isFile()) {
      Files.createDirectories(target.getParent());
      Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
      setPermissions(target, entry.getMode());
    }
  }

  /** Keeps the archive's mode bits: bin/broker must stay executable. */
  private static void setPermissions(Path file, int mode) throws IOException {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        permissions.add(bits[i]);
      }
    }
    permissions.add(PosixFilePermission.OWNER_READ);
    permissions.add(PosixFilePermission.OWNER_WRITE);
    try {
      Files.setPosixFilePermissions(file, permissions);
    } catch (UnsupportedOperationException e) {
      file.toFile().setExecutable((mode & 0100) != 0);
    }
  }

  private static Properties buildProperties() {
    Properties properties = new Properties();
    try (InputStream in = BrokerDistribution.class.getClassLoader().getResourceAsStream(BUILD_PROPERTIES)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      log.warn("Cannot read {}", BUILD_PROPERTIES, e);
    }
    return properties;
  }

  /** A value the build did not fill in (the resource was copied without filtering) counts as absent. */
  private static String filtered(String value) {
    return hasText(value) && !value.startsWith("@") && !value.startsWith("${") ? value.trim() : null;
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

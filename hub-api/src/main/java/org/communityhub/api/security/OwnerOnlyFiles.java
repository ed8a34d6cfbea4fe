package org.communityhub.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Secrets on disk: created readable and writable by the owner only, before a byte is written. */
final class OwnerOnlyFiles {

  private OwnerOnlyFiles() {}

  /** Writes the file if it does not exist yet; false if it already did (its content is left alone). */
  static boolean createWith(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
      return true;
    } catch (FileAlreadyExistsException exists) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}

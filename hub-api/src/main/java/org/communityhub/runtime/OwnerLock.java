package org.communityhub.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file lock held by the running application that owns a data directory. The operating system drops it
 * when that JVM dies, however it dies; so a process on the directory whose lock is free is a leftover, and
 * one whose lock is held belongs to an application still running, which must not be stopped.
 */
final class OwnerLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private OwnerLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock or fails, naming {@code what} and the file, if another running application has it. */
  static OwnerLock acquire(Path file, String what) {
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this JVM: another instance of the same runtime
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            what + " in " + file.getParent() + " belongs to another running application (" + file
                + " is locked). Stop it first, or give this one another hub.data-dir.");
      }
      return new OwnerLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + file, e);
    }
  }

  /** Fails like {@link #acquire} if the lock is held; leaves it free, and a missing file missing, otherwise. */
  static void ensureFree(Path file, String what) {
    if (Files.exists(file)) {
      acquire(file, what).close();
    }
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.communityhub.runtime;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the embedded PostgreSQL and the local broker keep everything: {@code hub.data-dir}. */
@ConfigurationProperties("hub")
record DataDirectoryProperties(@DefaultValue("./data") Path dataDir) {

  /** Absolute, so that pid files and command lines compare equal whatever the working directory. */
  Path root() {
    return dataDir.toAbsolutePath().normalize();
  }
}

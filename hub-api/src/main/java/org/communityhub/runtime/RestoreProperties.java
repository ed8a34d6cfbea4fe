package org.communityhub.runtime;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A restore onto an empty database at start-up (docs/operations.md, "Backup and restore").
 *
 * @param from a backup made by {@code pg_dump -Fc}; none by default
 * @param pgRestore the pg_restore program: of the dump's PostgreSQL version or newer
 * @param timeout how long the restore may take before the start fails
 */
@ConfigurationProperties("hub.restore")
record RestoreProperties(Path from, @DefaultValue("pg_restore") String pgRestore,
    @DefaultValue("30m") Duration timeout) {}

package org.communityhub.engine.checklist;

import java.time.Instant;
import java.util.UUID;

/** One published version of a checklist definition. */
public record PublishedChecklist(UUID id, int version, boolean active, String checksum, Instant publishedAt,
    ChecklistDefinition definition) {}

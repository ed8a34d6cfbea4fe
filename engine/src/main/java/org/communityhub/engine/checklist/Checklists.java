package org.communityhub.engine.checklist;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** All submitted checklists. */
public interface Checklists extends Repository<Checklist, UUID> {

  Checklist save(Checklist checklist);

  Optional<Checklist> findFirstByClientIdOrderBySubmittedAtDesc(UUID clientId);
}

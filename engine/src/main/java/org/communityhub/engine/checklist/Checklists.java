package org.communityhub.engine.checklist;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** All submitted checklists. */
public interface Checklists extends Repository<Checklist, UUID> {

  Checklist save(Checklist checklist);

  List<Checklist> findByClientIdOrderBySubmittedAtDesc(UUID clientId);

  java.util.Optional<Checklist> findById(UUID id);

  @Query("select c.id from Checklist c where c.clientId = :clientId order by c.submittedAt")
  List<UUID> idsOfClient(UUID clientId);

  @Modifying(flushAutomatically = true)
  @Query("update Checklist c set c.clientId = :survivor where c.clientId = :duplicate")
  int moveToClient(UUID duplicate, UUID survivor);
}

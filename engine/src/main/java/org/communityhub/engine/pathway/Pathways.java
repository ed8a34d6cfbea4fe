package org.communityhub.engine.pathway;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Query;

/** All pathways of the HUB. */
public interface Pathways extends Repository<Pathway, UUID> {

  Pathway save(Pathway pathway);

  Pathway saveAndFlush(Pathway pathway);

  Optional<Pathway> findById(UUID id);

  /** The pathway, locked for the rest of the transaction: steps of one pathway are recorded one at a time. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select p from Pathway p where p.id = :id")
  Optional<Pathway> lockById(UUID id);

  @Query("select s.pathway.id from PathwayStep s where s.id = :stepId")
  Optional<UUID> idOfStep(UUID stepId);

  @Query("select p.id from Pathway p where p.clientId = :clientId")
  java.util.List<UUID> idsOfClient(UUID clientId);

  /** The open pathways, oldest first, with what a rebuild of engine state needs to know of each. */
  @Query("""
      select new org.communityhub.engine.pathway.PathwayReplays$OpenPathway(p.id, p.definitionId, p.processInstanceKey)
        from Pathway p where p.status = org.communityhub.engine.pathway.PathwayStatus.ACTIVE
       order by p.openedAt, p.id""")
  java.util.List<PathwayReplays.OpenPathway> openPathways();

  java.util.List<Pathway> findByClientIdOrderByOpenedAtAscIdAsc(UUID clientId);

  java.util.List<Pathway> findByClientIdAndStatus(UUID clientId, PathwayStatus status);

  Optional<Pathway> findByClientIdAndCodeAndTypeCodeAndStatus(UUID clientId, String code, String typeCode,
      PathwayStatus status);
}

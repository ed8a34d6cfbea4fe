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

  @Query("select p.id from Pathway p where p.clientId = :clientId")
  java.util.List<UUID> idsOfClient(UUID clientId);

  java.util.List<Pathway> findByClientIdAndStatus(UUID clientId, PathwayStatus status);

  Optional<Pathway> findByClientIdAndCodeAndTypeCodeAndStatus(UUID clientId, String code, String typeCode,
      PathwayStatus status);
}

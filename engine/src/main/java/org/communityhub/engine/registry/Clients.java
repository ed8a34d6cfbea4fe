package org.communityhub.engine.registry;

import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** All clients of the HUB. Records merged into another are kept, but never match a new registration. */
public interface Clients extends Repository<Client, UUID> {

  Client save(Client client);

  Client saveAndFlush(Client client);

  Optional<Client> findById(UUID id);

  /** Read for a change that must not interleave with another change of the same client (a merge). */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select c from Client c where c.id = :id")
  Optional<Client> lockById(UUID id);

  Optional<Client> findByMedicaidId(String medicaidId);

  List<Client> findByNameKeyAndBirthDateAndMergedIntoIsNull(String nameKey, LocalDate birthDate);

  List<Client> findByPhoneKeyAndBirthDateAndMergedIntoIsNull(String phoneKey, LocalDate birthDate);
}

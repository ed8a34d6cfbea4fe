package org.communityhub.engine.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** All clients of the HUB. */
public interface Clients extends Repository<Client, UUID> {

  Client save(Client client);

  Optional<Client> findById(UUID id);

  Optional<Client> findByMedicaidId(String medicaidId);

  List<Client> findByNameKeyAndBirthDate(String nameKey, LocalDate birthDate);

  List<Client> findByPhoneKeyAndBirthDate(String phoneKey, LocalDate birthDate);
}

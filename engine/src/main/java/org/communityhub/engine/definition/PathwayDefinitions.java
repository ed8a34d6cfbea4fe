package org.communityhub.engine.definition;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** Every published version of every pathway definition. */
public interface PathwayDefinitions extends Repository<PathwayDefinition, UUID> {

  PathwayDefinition save(PathwayDefinition definition);

  PathwayDefinition saveAndFlush(PathwayDefinition definition);

  Optional<PathwayDefinition> findById(UUID id);

  Optional<PathwayDefinition> findByCodeAndActiveTrue(String code);

  Optional<PathwayDefinition> findFirstByCodeOrderByVersionDesc(String code);

  boolean existsByCode(String code);

  Optional<PathwayDefinition> findByCodeAndVersion(String code, int version);

  List<PathwayDefinition> findByActiveTrueOrderByCode();

  List<PathwayDefinition> findByCodeOrderByVersion(String code);

  List<PathwayDefinition> findByEngineKeyIsNull();
}

package org.communityhub.engine.definition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.Json;
import org.communityhub.engine.support.NotFound;
import org.communityhub.pathways.PathwayCatalog;
import org.communityhub.pathways.PathwayDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pathway definitions in PostgreSQL, the only source of them once the HUB has started. The standard
 * catalog on the classpath is a seed: a pathway whose code PostgreSQL has never seen is published as
 * version 1; a pathway PostgreSQL knows is left alone, even when its classpath files changed, so that a
 * shipped file never replaces a version an administrator published. In-flight pathways keep the version
 * they opened on.
 */
@Service
public class DefinitionPublishing {

  private static final Logger log = LoggerFactory.getLogger(DefinitionPublishing.class);

  private final PathwayDefinitions definitions;
  private final HubClock clock;

  DefinitionPublishing(PathwayDefinitions definitions, HubClock clock) {
    this.definitions = definitions;
    this.clock = clock;
  }

  /** Seeds every standard pathway PostgreSQL does not know yet as version 1. */
  @Transactional
  public void publishStandardCatalog() {
    PathwayCatalog catalog = PathwayCatalog.standard();
    for (PathwayDescriptor descriptor : catalog.all()) {
      String descriptorJson = descriptorJson(descriptor);
      byte[] bpmn = catalog.bpmn(descriptor);
      String checksum = checksum(descriptorJson, bpmn);
      if (!definitions.existsByCode(descriptor.code())) {
        definitions.save(PathwayDefinition.publish(descriptorJson, bpmn, checksum, 1, clock.now()));
        log.info("Published pathway definition {} version 1 from the standard catalog", descriptor.code());
      } else if (definitions.findByCodeAndVersion(descriptor.code(), 1).filter(v1 -> !v1.checksum().equals(checksum))
          .isPresent()) {
        log.info("The classpath files of pathway {} differ from its version 1; PostgreSQL keeps its versions "
            + "(publish a new version to change it)", descriptor.code());
      }
    }
  }

  /** The active version of a pathway, the one new pathways open on. */
  @Transactional(readOnly = true)
  public PathwayDefinition active(String code) {
    return definitions.findByCodeAndActiveTrue(code)
        .orElseThrow(() -> new InvalidInput("pathwayCode", "no pathway with code " + code));
  }

  @Transactional(readOnly = true)
  public PathwayDefinition version(UUID definitionId) {
    return definitions.findById(definitionId)
        .orElseThrow(() -> new IllegalStateException("Unknown pathway definition " + definitionId));
  }

  /** The catalog as the HUB runs it: the active version of every pathway, by code. */
  @Transactional(readOnly = true)
  public List<PathwayDefinition> activeDefinitions() {
    return definitions.findByActiveTrueOrderByCode();
  }

  /**
   * Every published version of a pathway, oldest first.
   *
   * @throws NotFound when no pathway has this code
   */
  @Transactional(readOnly = true)
  public List<PathwayDefinition> versions(String code) {
    List<PathwayDefinition> versions = definitions.findByCodeOrderByVersion(code);
    if (versions.isEmpty()) {
      throw new NotFound("Pathway definition", code);
    }
    return versions;
  }

  /** The descriptor as stored: the catalog's own JSON shape, read back by PathwayCatalog.readDescriptor. */
  private static String descriptorJson(PathwayDescriptor descriptor) {
    return Json.write(descriptor);
  }

  private static String checksum(String descriptorJson, byte[] bpmn) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(descriptorJson.getBytes(StandardCharsets.UTF_8));
      sha.update(bpmn);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

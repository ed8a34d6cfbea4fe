package org.communityhub.engine.definition;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.Json;
import org.communityhub.pathways.PathwayCatalog;
import org.communityhub.pathways.PathwayDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes pathway definitions into PostgreSQL. At start the standard catalog on the classpath is
 * published: a pathway seen for the first time becomes version 1, a changed BPMN or descriptor becomes a
 * new active version, an unchanged one is left alone. In-flight pathways keep the version they opened on.
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

  @Transactional
  public void publishStandardCatalog() {
    PathwayCatalog catalog = PathwayCatalog.standard();
    for (PathwayDescriptor descriptor : catalog.all()) {
      publish(descriptorJson(descriptor), catalog.bpmn(descriptor));
    }
  }

  private void publish(String descriptorJson, byte[] bpmn) {
    String checksum = checksum(descriptorJson, bpmn);
    String code = PathwayCatalog.readDescriptor(
        new ByteArrayInputStream(descriptorJson.getBytes(StandardCharsets.UTF_8))).code();
    var latest = definitions.findFirstByCodeOrderByVersionDesc(code);
    if (latest.isPresent() && latest.get().checksum().equals(checksum)) {
      return;
    }
    definitions.findByCodeAndActiveTrue(code).ifPresent(previous -> {
      previous.deactivate();
      definitions.save(previous);
    });
    int version = latest.map(previous -> previous.version() + 1).orElse(1);
    definitions.save(PathwayDefinition.publish(descriptorJson, bpmn, checksum, version, clock.now()));
    log.info("Published pathway definition {} version {}", code, version);
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

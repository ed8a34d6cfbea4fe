package org.communityhub.engine.checklist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Forbidden;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.definition.DefinitionPublishing;
import org.communityhub.engine.definition.PathwayDefinition;
import org.communityhub.engine.support.ClusterLocks;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.Json;
import org.communityhub.engine.support.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checklist definitions in PostgreSQL, published and activated like pathway definitions: the standard
 * checklists on the classpath seed the kinds PostgreSQL has never seen; an administrator's upload becomes
 * the active version of its kind. A submitted checklist keeps the version it answered.
 */
@Service
public class ChecklistPublishing {

  /** The checklists the HUB starts with. */
  static final List<String> STANDARD = List.of("initial", "adult", "child", "pregnancy", "postpartum", "follow-up");

  private static final Logger log = LoggerFactory.getLogger(ChecklistPublishing.class);

  private final ChecklistDefinitions definitions;
  private final DefinitionPublishing pathways;
  private final HubClock clock;

  private final ClusterLocks clusterLocks;

  ChecklistPublishing(ChecklistDefinitions definitions, DefinitionPublishing pathways, HubClock clock,
      ClusterLocks clusterLocks) {
    this.clusterLocks = clusterLocks;
    this.definitions = definitions;
    this.pathways = pathways;
    this.clock = clock;
  }

  /** The version an upload resulted in; {@code created} is false when it repeated the latest version. */
  public record Publication(PublishedChecklist checklist, boolean created) {}

  /**
   * Seeds every standard checklist whose kind PostgreSQL does not know yet as version 1; instances starting
   * together take turns.
   */
  @Transactional
  public void publishStandardChecklists() {
    clusterLocks.lockForTransaction(ClusterLocks.STARTUP_SEEDING);
    for (String name : STANDARD) {
      ChecklistDefinition definition = standard(name);
      if (definitions.latest(definition.kind()).isEmpty()) {
        PublishedChecklist seeded = definitions.insertActive(definition, 1, Json.fingerprint(definition), null,
            clock.now());
        int earlier = definitions.attributeUnversionedChecklists(seeded.id(), definition.kind());
        log.info("Published checklist {} version 1 from the standard checklists ({} earlier submissions)",
            definition.kind(), earlier);
      }
    }
  }

  @Transactional
  public Publication publish(ChecklistDefinition definition, Actor actor) {
    if (actor.role() != Role.HUB_ADMIN) {
      throw new Forbidden("Only a HUB administrator publishes checklists");
    }
    Set<String> pathwayCodes = pathways.activeDefinitions().stream().map(PathwayDefinition::code)
        .collect(Collectors.toSet());
    var problems = definition.problems(pathwayCodes::contains);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    String checksum = Json.fingerprint(definition);
    var latest = definitions.latest(definition.kind());
    if (latest.isPresent() && latest.get().checksum().equals(checksum)) {
      return new Publication(latest.get(), false);
    }
    int version = latest.map(previous -> previous.version() + 1).orElse(1);
    PublishedChecklist published = definitions.insertActive(definition, version, checksum, actor.userId(),
        clock.now());
    log.info("{} published checklist {} version {}", actor.username(), definition.kind(), version);
    return new Publication(published, true);
  }

  /** The version new submissions of this kind answer. */
  @Transactional(readOnly = true)
  public PublishedChecklist active(String kind) {
    return definitions.active(kind).orElseThrow(() -> new InvalidInput("kind",
        "no checklist of this kind; known: " + allActive().stream().map(c -> c.definition().kind()).toList()));
  }

  @Transactional(readOnly = true)
  public List<PublishedChecklist> allActive() {
    return definitions.allActive();
  }

  @Transactional(readOnly = true)
  public PublishedChecklist version(java.util.UUID id) {
    return definitions.byId(id).orElseThrow(() -> new IllegalStateException("Unknown checklist definition " + id));
  }

  /** Every version of a kind, oldest first. */
  @Transactional(readOnly = true)
  public List<PublishedChecklist> versions(String kind) {
    List<PublishedChecklist> versions = definitions.versions(kind);
    if (versions.isEmpty()) {
      throw new NotFound("Checklist definition", kind);
    }
    return versions;
  }

  static ChecklistDefinition standard(String name) {
    try (InputStream in = ChecklistPublishing.class.getClassLoader()
        .getResourceAsStream("checklists/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("Missing standard checklist " + name);
      }
      return Json.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          ChecklistDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

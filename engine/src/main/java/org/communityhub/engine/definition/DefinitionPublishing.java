package org.communityhub.engine.definition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Forbidden;
import org.communityhub.engine.agency.Role;
import org.communityhub.engine.support.ClusterLocks;
import org.communityhub.engine.support.FieldProblem;
import org.communityhub.engine.support.HubClock;
import org.communityhub.engine.support.InvalidInput;
import org.communityhub.engine.support.Json;
import org.communityhub.engine.support.NotFound;
import org.communityhub.pathways.ModelerLint;
import org.communityhub.pathways.PathwayCatalog;
import org.communityhub.pathways.PathwayDescriptor;
import org.communityhub.pathways.PathwayValidation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
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
  private final ModelerLint modelerLint;
  private final AuthoringSettings settings;
  private final ApplicationEventPublisher events;
  private final HubClock clock;

  private final ClusterLocks clusterLocks;

  DefinitionPublishing(PathwayDefinitions definitions, ModelerLint modelerLint, AuthoringSettings settings,
      ApplicationEventPublisher events, HubClock clock, ClusterLocks clusterLocks) {
    this.clusterLocks = clusterLocks;
    this.definitions = definitions;
    this.modelerLint = modelerLint;
    this.settings = settings;
    this.events = events;
    this.clock = clock;
  }

  /** A version was published; the workflow side deploys it to the engine once the transaction commits. */
  public record DefinitionPublished(UUID definitionId) {}

  /** The version an upload resulted in; {@code created} is false when it repeated the latest version. */
  public record Publication(PathwayDefinition definition, boolean created) {}

  /**
   * An administrator's new version of a pathway, or a new pathway: checked (descriptor, BPMN, Modeler lint),
   * stored, and made the version new pathways open on. Pathways already open stay on their version.
   * Uploading the latest version again publishes nothing, so a retried upload is harmless.
   */
  @Transactional
  public Publication publish(String descriptorJson, byte[] bpmn, Actor actor) {
    if (actor.role() != Role.HUB_ADMIN) {
      throw new Forbidden("Only a HUB administrator publishes pathway definitions");
    }
    PathwayValidation.Result checked = PathwayValidation.check(descriptorJson, bpmn);
    List<PathwayValidation.Problem> problems = new ArrayList<>(checked.problems());
    if (modelerLint.available()) {
      problems.addAll(modelerLint.check(bpmn));
    } else if (settings.requireModelerLint()) {
      throw new LintUnavailable(modelerLint.directory());
    }
    PathwayDescriptor descriptor = checked.descriptor();
    Optional<PathwayDefinition> latest = descriptor == null ? Optional.empty()
        : definitions.findFirstByCodeOrderByVersionDesc(descriptor.code());
    latest.filter(previous -> !previous.processId().equals(descriptor.processId())).ifPresent(previous ->
        problems.add(new PathwayValidation.Problem("descriptor.processId", "must stay "
            + previous.processId() + ", the process id of the earlier versions of " + descriptor.code())));
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems.stream()
          .map(problem -> new FieldProblem(problem.where(), problem.message()))
          .toList());
    }
    String stored = descriptorJson(descriptor);
    String checksum = checksum(stored, bpmn);
    if (latest.isPresent() && latest.get().checksum().equals(checksum)) {
      return new Publication(latest.get(), false);
    }
    definitions.findByCodeAndActiveTrue(descriptor.code()).ifPresent(active -> {
      active.deactivate();
      definitions.saveAndFlush(active); // one active version per code: the old one steps down first
    });
    int version = latest.map(previous -> previous.version() + 1).orElse(1);
    PathwayDefinition published;
    try {
      published = definitions.saveAndFlush(PathwayDefinition.publish(stored, bpmn, checksum, version, clock.now()));
    } catch (DataIntegrityViolationException raced) {
      throw new PublishedConcurrently(descriptor.code());
    }
    log.info("{} published pathway definition {} version {}", actor.username(), descriptor.code(), version);
    events.publishEvent(new DefinitionPublished(published.id()));
    return new Publication(published, true);
  }

  /**
   * Seeds every standard pathway PostgreSQL does not know yet as version 1. Instances starting together take
   * turns (an advisory lock): the second finds the versions the first seeded.
   */
  @Transactional
  public void publishStandardCatalog() {
    clusterLocks.lockForTransaction(ClusterLocks.STARTUP_SEEDING);
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

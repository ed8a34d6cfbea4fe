package org.communityhub.engine.definition;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.communityhub.pathways.PathwayCatalog;
import org.communityhub.pathways.PathwayDescriptor;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One published version of a pathway: its descriptor and BPMN as published, and the key under which the
 * engine knows that BPMN. Pathways record the version they opened on and start by its key.
 */
@Entity
@Table(name = "pathway_definition")
public class PathwayDefinition {

  @Id
  private UUID id;
  private String code;
  private int version;
  private String processId;
  @JdbcTypeCode(SqlTypes.JSON)
  private String descriptor;
  private byte[] bpmn;
  private String checksum;
  private Long engineKey;
  private boolean active;
  private Instant publishedAt;

  @Transient
  private PathwayDescriptor parsed;

  protected PathwayDefinition() {}

  static PathwayDefinition publish(String descriptorJson, byte[] bpmn, String checksum, int version,
      Instant now) {
    PathwayDefinition definition = new PathwayDefinition();
    definition.id = UUID.randomUUID();
    definition.descriptor = descriptorJson;
    definition.bpmn = bpmn.clone();
    definition.checksum = checksum;
    definition.version = version;
    definition.code = definition.descriptor().code();
    definition.processId = definition.descriptor().processId();
    definition.active = true;
    definition.publishedAt = now;
    return definition;
  }

  void deactivate() {
    active = false;
  }

  public void recordEngineKey(long key) {
    this.engineKey = key;
  }

  public PathwayDescriptor descriptor() {
    if (parsed == null) {
      parsed = PathwayCatalog.readDescriptor(
          new ByteArrayInputStream(descriptor.getBytes(StandardCharsets.UTF_8)));
    }
    return parsed;
  }

  public UUID id() { return id; }
  public String code() { return code; }
  public int version() { return version; }
  public String processId() { return processId; }
  public byte[] bpmn() { return bpmn.clone(); }
  public String checksum() { return checksum; }
  public Long engineKey() { return engineKey; }
  public boolean active() { return active; }
  public Instant publishedAt() { return publishedAt; }

  /** The resource name the engine sees: unique per code and version. */
  public String resourceName() {
    return code.toLowerCase() + "-v" + version + ".bpmn";
  }
}

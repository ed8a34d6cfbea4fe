package org.communityhub.engine.pathway;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One recorded step of a pathway: when it happened (a date in the HUB's zone), when the HUB learnt it,
 * its data and evidence. The step log is the history of the pathway and never loses a row: a step entered in
 * error is voided (who, when, why) and stays, but no longer counts for the pathway.
 */
@Entity
@Table(name = "pathway_step")
public class PathwayStep {

  @Id
  private UUID id;
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "pathway_id")
  private Pathway pathway;
  private UUID agencyId;
  private String stepCode;
  private LocalDate occurredOn;
  private Instant recordedAt;
  @JdbcTypeCode(SqlTypes.JSON)
  private Map<String, Object> data;
  @JdbcTypeCode(SqlTypes.JSON)
  private Evidence evidence;
  private String note;
  private String idempotencyKey;
  private String requestHash;
  private Instant voidedAt;
  private String voidedBy;
  private String voidReason;

  protected PathwayStep() {}

  PathwayStep(Pathway pathway, StepEntry entry, UUID agencyId, Instant now) {
    this.id = UUID.randomUUID();
    this.pathway = pathway;
    this.agencyId = agencyId;
    this.stepCode = entry.stepCode();
    this.occurredOn = entry.occurredOn();
    this.recordedAt = now;
    this.data = new TreeMap<>(entry.data());
    this.evidence = entry.evidence();
    this.note = entry.note();
    this.idempotencyKey = entry.idempotencyKey();
    this.requestHash = entry.requestHash();
  }

  public UUID id() { return id; }
  public UUID pathwayId() { return pathway.id(); }
  public UUID agencyId() { return agencyId; }
  public String stepCode() { return stepCode; }
  public LocalDate occurredOn() { return occurredOn; }
  public Instant recordedAt() { return recordedAt; }
  public Map<String, Object> data() { return Map.copyOf(data); }
  public Evidence evidence() { return evidence; }
  public String note() { return note; }
  public Instant voidedAt() { return voidedAt; }
  public String voidedBy() { return voidedBy; }
  public String voidReason() { return voidReason; }
  public boolean voided() { return voidedAt != null; }
  String idempotencyKey() { return idempotencyKey; }
  String requestHash() { return requestHash; }

  /** Marks the step entered in error; only its pathway decides whether it may be voided. */
  void markVoid(String by, String reason, Instant now) {
    this.voidedAt = now;
    this.voidedBy = by;
    this.voidReason = reason;
  }

  /** A step as the aggregate receives it, already checked against the pathway's definition. */
  record StepEntry(String stepCode, LocalDate occurredOn, Map<String, Object> data, Evidence evidence,
      String note, String idempotencyKey, String requestHash) {}
}

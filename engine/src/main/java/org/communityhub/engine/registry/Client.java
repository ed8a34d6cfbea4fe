package org.communityhub.engine.registry;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.communityhub.engine.agency.Actor;
import org.communityhub.engine.agency.Role;

/** A client of the HUB, enrolled with one agency, identified for the duplicate check by name keys. */
@Entity
@Table(name = "client")
public class Client {

  @Id
  private UUID id;
  private UUID agencyId;
  private String givenName;
  private String familyName;
  private String nameKey;
  private LocalDate birthDate;
  private String phone;
  private String phoneKey;
  private String medicaidId;
  private UUID payerId;
  private String coverageMemberId;
  private String duplicateOverrideReason;
  private UUID assignedUserId;
  private Instant createdAt;
  @Version
  private long version;

  protected Client() {}

  static Client register(ClientRegistration registration, Actor registeredBy, UUID payerId, Instant now) {
    Client client = new Client();
    client.id = UUID.randomUUID();
    client.agencyId = registeredBy.agencyId();
    client.assignedUserId = registeredBy.role() == Role.CHW ? registeredBy.userId() : null;
    client.givenName = registration.givenName().strip();
    client.familyName = registration.familyName().strip();
    client.nameKey = NameKey.of(registration.givenName(), registration.familyName());
    client.birthDate = registration.birthDate();
    client.phone = registration.phone();
    client.phoneKey = NameKey.phone(registration.phone());
    client.medicaidId = blankToNull(registration.medicaidId());
    client.payerId = payerId;
    client.coverageMemberId = registration.coverage() == null ? null : registration.coverage().memberId();
    client.duplicateOverrideReason = blankToNull(registration.duplicateOverrideReason());
    client.createdAt = now;
    return client;
  }

  /** Enrolled with another agency from now on; nobody there is assigned yet. */
  void transferTo(UUID agency) {
    if (agency.equals(agencyId)) {
      throw new org.communityhub.engine.support.InvalidInput("agencyId", "the client is already enrolled there");
    }
    agencyId = agency;
    assignedUserId = null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  public UUID id() { return id; }
  public UUID agencyId() { return agencyId; }
  public String givenName() { return givenName; }
  public String familyName() { return familyName; }
  public LocalDate birthDate() { return birthDate; }
  public String phone() { return phone; }
  public String medicaidId() { return medicaidId; }
  public UUID payerId() { return payerId; }
  public String coverageMemberId() { return coverageMemberId; }
  public String duplicateOverrideReason() { return duplicateOverrideReason; }
  public UUID assignedUserId() { return assignedUserId; }
  public Instant createdAt() { return createdAt; }
}

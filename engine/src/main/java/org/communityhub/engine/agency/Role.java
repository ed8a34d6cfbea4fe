package org.communityhub.engine.agency;

/** What a member of staff may do; each role belongs to one kind of agency. */
public enum Role {
  /** Runs the HUB: authors definitions, manages agencies and people, reads everything, records no care. */
  HUB_ADMIN(AgencyKind.HUB),
  /** Reviews and does the care coordination work of their whole agency. */
  SUPERVISOR(AgencyKind.CARE_COORDINATION_AGENCY),
  /** Registers clients and works their pathways, within their agency. */
  CHW(AgencyKind.CARE_COORDINATION_AGENCY),
  /** Sees de-identified aggregates and their own payer's statements, never client records. */
  FUNDER(AgencyKind.PAYER),
  /**
   * A partner's system or staff: posts referrals over FHIR and reads back its own referrals, and the records of
   * clients who consented to share with its organisation (docs/fhir.md); never the rest of the API.
   */
  PARTNER(AgencyKind.PARTNER);

  private final AgencyKind agencyKind;

  Role(AgencyKind agencyKind) {
    this.agencyKind = agencyKind;
  }

  public AgencyKind agencyKind() {
    return agencyKind;
  }
}

package org.communityhub.engine.referral;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What a partner's referral says: who (name, birth date, phone, Medicaid id), for which pathway, to which
 * agency, and the partner's own id for it. The FHIR layer reads it from the posted Task and checks its form.
 */
public record NewReferral(String partnerReference, UUID receivingAgencyId, String pathwayCode, String givenName,
    String familyName, LocalDate birthDate, String phone, String medicaidId, String note) {}

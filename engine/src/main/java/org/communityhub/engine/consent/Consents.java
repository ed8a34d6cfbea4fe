package org.communityhub.engine.consent;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** All consents clients gave. */
interface Consents extends Repository<Consent, UUID> {

  Consent saveAndFlush(Consent consent);

  Optional<Consent> findById(UUID id);

  List<Consent> findByClientIdOrderByRecordedAt(UUID clientId);

  List<Consent> findByClientIdAndPartnerAgencyId(UUID clientId, UUID partnerAgencyId);
}

package org.communityhub.engine.referral;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** All referrals partners sent. */
interface Referrals extends Repository<Referral, UUID> {

  Referral saveAndFlush(Referral referral);

  Optional<Referral> findById(UUID id);

  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select r from Referral r where r.id = :id")
  Optional<Referral> lockById(UUID id);

  Optional<Referral> findByPartnerAgencyIdAndPartnerReference(UUID partnerAgencyId, String partnerReference);

  List<Referral> findByStatusOrderByReceivedAt(ReferralStatus status);

  List<Referral> findByReceivingAgencyIdAndStatusOrderByReceivedAt(UUID receivingAgencyId, ReferralStatus status);

  boolean existsByPartnerAgencyIdAndClientId(UUID partnerAgencyId, UUID clientId);
}

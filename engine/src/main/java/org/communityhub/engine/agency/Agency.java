package org.communityhub.engine.agency;

import java.util.UUID;

/** An organisation of the HUB; a PAYER agency names the payer whose reports its funders see. */
public record Agency(UUID id, String name, AgencyKind kind, String payerCode) {}

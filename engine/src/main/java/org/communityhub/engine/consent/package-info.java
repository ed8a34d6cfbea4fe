/** Clients' consents to share their record with partners: who, with whom, what, until when, revocable. */
package org.communityhub.engine.consent;

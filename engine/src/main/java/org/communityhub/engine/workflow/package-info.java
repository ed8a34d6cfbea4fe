/**
 * The engine adapter: deploys pathway definitions to Zeebe, delivers the outbox to it in order per pathway,
 * the thin job workers through which pathway processes report back, and the rebuild of engine state from
 * PostgreSQL.
 */
package org.communityhub.engine.workflow;

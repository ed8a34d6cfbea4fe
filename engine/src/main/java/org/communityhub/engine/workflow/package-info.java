/**
 * The engine adapter: deploys pathway definitions to Zeebe, delivers the outbox to it in order per pathway,
 * and the thin job workers through which pathway processes report back.
 */
package org.communityhub.engine.workflow;

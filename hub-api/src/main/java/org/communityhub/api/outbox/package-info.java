/** The engine outbox over HTTP for HUB administrators: its backlog, its dead letters and their retry. */
package org.communityhub.api.outbox;

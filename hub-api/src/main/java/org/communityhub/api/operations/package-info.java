/**
 * What an operator watches: health and readiness (database, engine, outbox), metrics, and a request id in
 * every log line of a request. Logs carry ids, never a client's name or identifiers.
 */
package org.communityhub.api.operations;

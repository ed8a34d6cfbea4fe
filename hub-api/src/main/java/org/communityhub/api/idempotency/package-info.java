/**
 * Idempotency-Key for every POST: a retry with the same key and body gets the first answer and writes
 * nothing; the same key with another body is refused.
 */
package org.communityhub.api.idempotency;

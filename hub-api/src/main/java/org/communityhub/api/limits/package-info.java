/** Limits on what one caller can send: body size, and the rate of reads, writes and unauthenticated calls. */
package org.communityhub.api.limits;

/** Limits on what one caller can send: body size and the rate of writes. */
package org.communityhub.api.limits;

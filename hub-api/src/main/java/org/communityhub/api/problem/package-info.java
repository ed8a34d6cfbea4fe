/** Maps refusals to application/problem+json documents that name the field and the reason. */
package org.communityhub.api.problem;

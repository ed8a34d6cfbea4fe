/** The pathway catalog as the HUB runs it: every pathway definition and its versions, read from PostgreSQL. */
package org.communityhub.api.definition;

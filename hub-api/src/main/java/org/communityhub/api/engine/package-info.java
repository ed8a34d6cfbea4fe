/** The engine's state, for HUB administrators: rebuilding it from PostgreSQL and following the rebuild. */
package org.communityhub.api.engine;

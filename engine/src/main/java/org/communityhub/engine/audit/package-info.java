/** The append-only record of who read or changed what, when, from where, and how it ended. */
package org.communityhub.engine.audit;

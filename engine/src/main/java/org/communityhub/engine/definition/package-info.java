/** Published pathway definitions: every version of every pathway's BPMN and descriptor, kept in PostgreSQL. */
package org.communityhub.engine.definition;

/** Checklists (risk assessments): answers stored, scored by the risk rules, pathways recommended. */
package org.communityhub.engine.checklist;

/** What a CHW or a supervisor has to do next: open pathways by due date, clients not contacted, caseloads. */
package org.communityhub.engine.worklist;

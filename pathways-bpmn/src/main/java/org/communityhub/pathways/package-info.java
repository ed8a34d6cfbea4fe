/** The pathway catalog: each pathway's BPMN process and descriptor, and the names the BPMN and the Java code share. */
package org.communityhub.pathways;

/** Pathways: the aggregate that guards its lifecycle, its step log, and the use cases that change them. */
package org.communityhub.engine.pathway;

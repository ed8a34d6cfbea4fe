/** Risk scoring of a checklist: points, score, tier and the pathways recommended, each traced to its rule. */
package org.communityhub.rules.risk;

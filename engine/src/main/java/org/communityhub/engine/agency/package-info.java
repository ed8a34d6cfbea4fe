/** Agencies of the HUB and the people acting for them: who is asking, on behalf of which agency. */
package org.communityhub.engine.agency;

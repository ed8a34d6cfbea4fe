/** The worklist of CHWs and supervisors over HTTP. */
package org.communityhub.api.worklist;

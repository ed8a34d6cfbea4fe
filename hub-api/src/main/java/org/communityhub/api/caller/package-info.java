/** Who is calling: resolves the acting user and agency of a request. */
package org.communityhub.api.caller;

/** Small shared pieces of the HUB domain: the HUB's clock and time zone, and the outcome exceptions the API maps to problems. */
package org.communityhub.engine.support;

/** The HTTP API of the HUB: thin controllers by feature over the engine's use cases. */
package org.communityhub.api;

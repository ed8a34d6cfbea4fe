/**
 * Small shared pieces of the HUB domain: the HUB's clock and time zone, the outcome exceptions the API maps to
 * problems, and the advisory locks that make work run once across instances.
 */
package org.communityhub.engine.support;

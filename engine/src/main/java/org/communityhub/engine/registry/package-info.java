/** The HUB's central client registry, with the duplicate check that runs on every registration. */
package org.communityhub.engine.registry;

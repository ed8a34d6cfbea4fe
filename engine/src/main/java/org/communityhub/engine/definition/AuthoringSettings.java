package org.communityhub.engine.definition;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How uploaded pathway definitions are checked. Camunda Modeler's lint rules run from an npm installation of
 * bpmnlint (the project's tools/lint after {@code npm ci}); without one, uploads are refused rather than
 * published unchecked, unless {@code require-modeler-lint} is turned off.
 *
 * @param modelerLint a directory, relative to the working directory or absolute (text: Spring would read a
 *     Path as a resource location)
 */
@ConfigurationProperties("hub.definitions")
public record AuthoringSettings(
    @DefaultValue("tools/lint") String modelerLint,
    @DefaultValue("true") boolean requireModelerLint) {}

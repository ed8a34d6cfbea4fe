package org.communityhub.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The rule packages shipped with the HUB, read from the classpath beside their fact classes. */
public final class DefaultRulePackages {

    public static final String VERSION = "default-1";

    private DefaultRulePackages() {
    }

    /** The DRL text of the shipped package for a decision. */
    public static String drl(Decision decision) {
        String path = resourcePath(decision);
        try (InputStream in = DefaultRulePackages.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Default rule package missing from the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    /** e.g. org/communityhub/rules/risk/risk.drl: the DRL sits in the package of the facts it uses. */
    static String resourcePath(Decision decision) {
        String name = decision.name().toLowerCase(Locale.ROOT);
        return "org/communityhub/rules/" + name + "/" + name + ".drl";
    }
}

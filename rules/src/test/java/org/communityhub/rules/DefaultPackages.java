package org.communityhub.rules;

/** The shipped packages, compiled once for the whole test run (a compile costs about a second). Never re-activate on it. */
public final class DefaultPackages {

    public static final RulePackageRegistry REGISTRY = RulePackageRegistry.withDefaultPackages();

    private DefaultPackages() {
    }
}

package org.communityhub.rules;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Thread-safe; keeps every compiled version; one active version per decision (AtomicReference swap, no restart). */
public final class RulePackageRegistry {

    private static final Logger log = LoggerFactory.getLogger(RulePackageRegistry.class);
    private static final String RELEASE_GROUP = "org.communityhub.rules.compiled";
    /** Every build gets its own ReleaseId, so a version compiled twice (or concurrently) never collides. */
    private static final AtomicLong BUILDS = new AtomicLong();
    /** The version name {@link #check} reports: the DRL has none yet. */
    public static final String UNSTORED = "unstored";

    private record Key(Decision decision, String version) {
    }

    private record Compiled(RulePackage rules, String drl) {
    }

    private final Map<Key, Compiled> compiled = new ConcurrentHashMap<>();
    private final Map<Decision, AtomicReference<RulePackage>> active = new EnumMap<>(Decision.class);

    public RulePackageRegistry() {
        for (Decision decision : Decision.values()) {
            active.put(decision, new AtomicReference<>());
        }
    }

    /** Convenience for start-up and tests: compile + activate the classpath default packages, version DefaultRulePackages.VERSION. */
    public static RulePackageRegistry withDefaultPackages() {
        RulePackageRegistry registry = new RulePackageRegistry();
        for (Decision decision : Decision.values()) {
            CompileResult result = registry.compile(decision, DefaultRulePackages.VERSION, DefaultRulePackages.drl(decision));
            if (!result.succeeded()) {
                throw new IllegalStateException("The shipped " + decision + " rule package does not compile: " + result.errors());
            }
            registry.activate(decision, DefaultRulePackages.VERSION);
        }
        return registry;
    }

    /**
     * Compiles the DRL and keeps it under (decision, version), not yet active. Bad DRL never throws: its errors
     * come back located in the DRL. A version is immutable: compiling it again with the same DRL is a no-op,
     * with other DRL an error.
     */
    public CompileResult compile(Decision decision, String version, String drl) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(drl, "drl");
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("A rule package version must not be blank");
        }
        Key key = new Key(decision, version);
        Compiled existing = compiled.get(key);
        if (existing != null) {
            return sameOrConflict(decision, version, drl, existing);
        }
        List<CompileError> errors = new ArrayList<>();
        RulePackage rules = buildAndTryExamples(decision, version, drl, errors);
        if (rules != null) {
            Compiled raced = compiled.putIfAbsent(key, new Compiled(rules, drl));
            if (raced != null) {
                return sameOrConflict(decision, version, drl, raced);
            }
            log.info("Compiled {} rule package {}", decision, version);
        }
        return new CompileResult(decision, version, errors);
    }

    /**
     * The same checks as {@link #compile}, keeping nothing: for DRL that is not a version yet (an upload
     * before it is stored and numbered).
     */
    public CompileResult check(Decision decision, String drl) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(drl, "drl");
        List<CompileError> errors = new ArrayList<>();
        buildAndTryExamples(decision, UNSTORED, drl, errors);
        return new CompileResult(decision, UNSTORED, errors);
    }

    /** Null, with the errors added, when the DRL does not compile or fails on the decision's example facts. */
    private static RulePackage buildAndTryExamples(Decision decision, String version, String drl,
            List<CompileError> errors) {
        KieBase kieBase = build(decision, version, drl, errors);
        if (kieBase != null) {
            RulePackage rules = new RulePackage(decision, version, kieBase);
            errors.addAll(tryExamples(rules, drl));
            if (errors.isEmpty()) {
                return rules;
            }
        }
        log.info("{} rule package {} did not compile: {} error(s)", decision, version, errors.size());
        return null;
    }

    /** Makes a compiled version the one every later evaluation uses; evaluations under way finish on the old one. */
    public void activate(Decision decision, String version) {
        Compiled target = compiled.get(new Key(Objects.requireNonNull(decision, "decision"), version));
        if (target == null) {
            throw new IllegalArgumentException(decision + " rule package " + version + " was never compiled successfully");
        }
        RulePackage previous = active.get(decision).getAndSet(target.rules());
        log.info("Activated {} rule package {} (was {})", decision, version, previous == null ? "none" : previous.version());
    }

    public Optional<String> activeVersion(Decision decision) {
        return Optional.ofNullable(active.get(decision).get()).map(RulePackage::version);
    }

    /**
     * The package active for a decision right now; facades take it once per evaluation so the version they
     * report is the one they used.
     *
     * @throws NoActiveRulePackage when none was activated yet
     */
    public RulePackage activePackage(Decision decision) {
        RulePackage rules = active.get(decision).get();
        if (rules == null) {
            throw new NoActiveRulePackage(decision);
        }
        return rules;
    }

    /**
     * A version compiled successfully here, active or not: what-if evaluations (dry runs) use it without
     * making it the one in force.
     *
     * @throws IllegalArgumentException when the version was never compiled successfully here
     */
    public RulePackage compiledPackage(Decision decision, String version) {
        Compiled found = compiled.get(new Key(Objects.requireNonNull(decision, "decision"), version));
        if (found == null) {
            throw new IllegalArgumentException(decision + " rule package " + version + " was never compiled successfully");
        }
        return found.rules();
    }

    public boolean isCompiled(Decision decision, String version) {
        return compiled.containsKey(new Key(Objects.requireNonNull(decision, "decision"), version));
    }

    /** Every version compiled successfully for a decision, in no particular order. */
    public List<String> compiledVersions(Decision decision) {
        return compiled.keySet().stream().filter(key -> key.decision() == decision).map(Key::version).toList();
    }

    private static CompileResult sameOrConflict(Decision decision, String version, String drl, Compiled existing) {
        List<CompileError> errors = existing.drl().equals(drl)
                ? List.of()
                : List.of(new CompileError(0, 0, decision + " rule package " + version
                        + " already exists with different DRL; give the changed package a new version"));
        return new CompileResult(decision, version, errors);
    }

    /** The classic (non executable-model) build: its messages carry DRL lines. Returns null on errors. */
    private static KieBase build(Decision decision, String version, String drl, List<CompileError> errors) {
        KieServices kieServices = KieServices.Factory.get();
        ClassLoader classLoader = RulePackageRegistry.class.getClassLoader();
        ReleaseId releaseId = kieServices.newReleaseId(RELEASE_GROUP, decision.name().toLowerCase(Locale.ROOT),
                "1." + BUILDS.incrementAndGet());
        try {
            KieFileSystem files = kieServices.newKieFileSystem();
            files.generateAndWritePomXML(releaseId);
            files.write("src/main/resources/" + DefaultRulePackages.resourcePath(decision), drl);
            KieBuilder builder = kieServices.newKieBuilder(files, classLoader).buildAll();
            List<Message> messages = builder.getResults().getMessages(Message.Level.ERROR);
            if (!messages.isEmpty()) {
                errors.addAll(DrlLocations.compileErrors(messages));
                return null;
            }
            KieContainer container = kieServices.newKieContainer(releaseId, classLoader);
            KieBase kieBase = container.getKieBase();
            if (kieBase.getKiePackages().stream().allMatch(p -> p.getRules().isEmpty())) {
                errors.add(new CompileError(0, 0, "The package has no rules"));
                return null;
            }
            return kieBase;
        } catch (RuntimeException e) {
            // Drools sometimes throws instead of reporting; bad DRL must still come back as data.
            errors.add(new CompileError(0, 0, "Drools could not build the package: " + RulePackage.rootMessage(e)));
            return null;
        } finally {
            // We keep the KieBase ourselves; leaving every build in Drools' global repository would only leak memory.
            kieServices.getRepository().removeKieModule(releaseId);
        }
    }

    private static List<CompileError> tryExamples(RulePackage rules, String drl) {
        for (ExampleFacts.Example example : ExampleFacts.of(rules.decision())) {
            try {
                rules.evaluate(example.facts());
            } catch (RuleEvaluationFailed failure) {
                String message = "Compiles, but fails on " + example.description() + ": " + failure.getMessage();
                return List.of(DrlLocations.runtimeError(drl, failure, message));
            }
        }
        return List.of();
    }
}

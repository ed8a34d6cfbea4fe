package org.communityhub.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.communityhub.rules.risk.RiskAssessment;
import org.communityhub.rules.risk.RiskScoring;
import org.communityhub.rules.risk.RiskTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RulePackageRegistryTest {

    private static final String HEADER = """
            package org.communityhub.rules.risk;
            import org.communityhub.rules.ChecklistAnswer;
            import org.communityhub.rules.risk.*;
            """;

    /** A RISK package that puts every client in the HIGH tier: easy to tell apart from the default. */
    private static final String EVERYONE_HIGH = HEADER + """
            rule "Score every checklist 0"
            when
            then
                insert( new RiskScore( 0 ) );
            end
            rule "Tier HIGH for everyone"
            when
                RiskScore()
            then
                insert( new TierAssignment( RiskTier.HIGH, drools.getRule().getName() ) );
            end
            """;

    private static final List<ChecklistAnswer> NOTHING_WRONG = List.of(ChecklistAnswer.of("pregnant", "no"));

    static Stream<Arguments> badPackages() {
        return Stream.of(
                Arguments.of("a syntax error", HEADER + """
                        rule "Add 3 points for a pregnancy"
                        when
                            ChecklistAnswer( question == "pregnant" yes )
                        then
                        end
                        """, 6, 45, "mismatched input 'yes'"),
                Arguments.of("an unknown property", HEADER + """
                        rule "Add 3 points for a pregnancy"
                        when
                            ChecklistAnswer( question == "pregnant", pregnant == "yes" )
                        then
                        end
                        """, 6, 5, "pregnant"),
                Arguments.of("an unknown fact type", HEADER + """
                        rule "Add 3 points for a pregnancy"
                        when
                            Answer( question == "pregnant" )
                        then
                        end
                        """, 6, 0, "Unable to resolve ObjectType 'Answer'"),
                // The Java compiler's consequence errors are reported at the rule, not the line in the consequence.
                Arguments.of("a type error in a consequence", HEADER + """

                        rule "Add 3 points for a pregnancy"
                        when
                            ChecklistAnswer( question == "pregnant", yes )
                        then
                            insert( new RiskPoint( "3", drools.getRule().getName() ) );
                        end
                        """, 5, 0, "Rule Compilation error"),
                Arguments.of("a missing end", HEADER + """
                        rule "Add 3 points for a pregnancy"
                        when
                            ChecklistAnswer( question == "pregnant", yes )
                        then
                        """, 8, 1, "mismatched input '<eof>'"),
                Arguments.of("text that is not DRL", "this is not DRL", 1, 1, "mismatched input 'this'"),
                Arguments.of("two rules with one name", HEADER + """
                        rule "Tier LOW"
                        when
                        then
                        end
                        rule "Tier LOW"
                        when
                        then
                        end
                        """, 8, 0, "Duplicate rule name"),
                Arguments.of("no rules at all", HEADER, 0, 0, "no rules"),
                // Compiles (MVEL coerces strings to numbers lazily) but blows up on the first checklist.
                Arguments.of("a string compared with a number", HEADER + """
                        rule "Add 2 points for many ER visits"
                        when
                            ChecklistAnswer( question == "er_visits_12_months", intValue >= "three" )
                        then
                        end
                        """, 6, 57, "fails on checklist"),
                Arguments.of("a rule that re-triggers itself", HEADER + """
                        rule "Add a point forever"
                        when
                            ChecklistAnswer()
                            RiskPoint()
                        then
                            insert( new RiskPoint( 1, drools.getRule().getName() ) );
                        end
                        rule "Start counting"
                        when
                        then
                            insert( new RiskPoint( 1, drools.getRule().getName() ) );
                        end
                        """, 4, 1, "re-trigger itself"));
    }

    @ParameterizedTest(name = "{0} is reported at line {2}, column {3}")
    @MethodSource("badPackages")
    void reportsCompileErrorsAsDataAtTheirDrlLine(String problem, String drl, int line, int column, String text) {
        CompileResult result = new RulePackageRegistry().compile(Decision.RISK, "bad-1", drl);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.decision()).isEqualTo(Decision.RISK);
        assertThat(result.version()).isEqualTo("bad-1");
        assertThat(result.errors()).first().satisfies(error -> {
            assertThat(error.line()).isEqualTo(line);
            assertThat(error.column()).isEqualTo(column);
            assertThat(error.message()).contains(text);
        });
    }

    @Test
    void compilesTheDefaultPackagesAndActivatesThem() {
        for (Decision decision : Decision.values()) {
            assertThat(DefaultPackages.REGISTRY.activeVersion(decision)).contains(DefaultRulePackages.VERSION);
            assertThat(DefaultPackages.REGISTRY.compiledVersions(decision)).containsExactly(DefaultRulePackages.VERSION);
        }
    }

    @Test
    void compilesWithoutActivating() {
        RulePackageRegistry registry = new RulePackageRegistry();

        CompileResult result = registry.compile(Decision.RISK, "v2", EVERYONE_HIGH);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(registry.activeVersion(Decision.RISK)).isEmpty();
        assertThatThrownBy(() -> new RiskScoring(registry).assess(NOTHING_WRONG))
                .isInstanceOf(NoActiveRulePackage.class)
                .hasMessageContaining("RISK");
    }

    @Test
    void neverActivatesAPackageThatDidNotCompile() {
        RulePackageRegistry registry = new RulePackageRegistry();
        registry.compile(Decision.RISK, "v1", EVERYONE_HIGH);
        registry.activate(Decision.RISK, "v1");

        CompileResult broken = registry.compile(Decision.RISK, "v2", HEADER + "rule \"x\" when then");

        assertThat(broken.succeeded()).isFalse();
        assertThatThrownBy(() -> registry.activate(Decision.RISK, "v2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v2");
        assertThat(registry.activeVersion(Decision.RISK)).contains("v1");
        assertThat(registry.compiledVersions(Decision.RISK)).containsExactly("v1");
    }

    @Test
    void switchesTheFacadeToANewlyActivatedVersionAndBack() {
        RulePackageRegistry registry = new RulePackageRegistry();
        registry.compile(Decision.RISK, DefaultRulePackages.VERSION, DefaultRulePackages.drl(Decision.RISK));
        registry.activate(Decision.RISK, DefaultRulePackages.VERSION);
        RiskScoring scoring = new RiskScoring(registry);
        assertThat(scoring.assess(NOTHING_WRONG).tier()).isEqualTo(RiskTier.LOW);

        assertThat(registry.compile(Decision.RISK, "everyone-high", EVERYONE_HIGH).succeeded()).isTrue();
        registry.activate(Decision.RISK, "everyone-high");

        RiskAssessment underNewRules = scoring.assess(NOTHING_WRONG);
        assertThat(underNewRules.tier()).isEqualTo(RiskTier.HIGH);
        assertThat(underNewRules.rulePackageVersion()).isEqualTo("everyone-high");

        registry.activate(Decision.RISK, DefaultRulePackages.VERSION);

        RiskAssessment underOldRules = scoring.assess(NOTHING_WRONG);
        assertThat(underOldRules.tier()).isEqualTo(RiskTier.LOW);
        assertThat(underOldRules.rulePackageVersion()).isEqualTo(DefaultRulePackages.VERSION);
    }

    @Test
    void evaluatesADraftVersionWithoutMakingItTheOneInForce() {
        RulePackageRegistry registry = new RulePackageRegistry();
        registry.compile(Decision.RISK, DefaultRulePackages.VERSION, DefaultRulePackages.drl(Decision.RISK));
        registry.activate(Decision.RISK, DefaultRulePackages.VERSION);
        registry.compile(Decision.RISK, "everyone-high", EVERYONE_HIGH);
        RiskScoring scoring = new RiskScoring(registry);

        RiskAssessment underDraft = scoring.assessUnder("everyone-high", NOTHING_WRONG);

        assertThat(underDraft.tier()).isEqualTo(RiskTier.HIGH);
        assertThat(underDraft.rulePackageVersion()).isEqualTo("everyone-high");
        assertThat(scoring.assess(NOTHING_WRONG).rulePackageVersion()).isEqualTo(DefaultRulePackages.VERSION);
        assertThat(registry.isCompiled(Decision.RISK, "everyone-high")).isTrue();
        assertThatThrownBy(() -> scoring.assessUnder("never-compiled", NOTHING_WRONG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never-compiled");
    }

    @Test
    void checksDrlWithoutKeepingIt() {
        RulePackageRegistry registry = new RulePackageRegistry();

        assertThat(registry.check(Decision.RISK, EVERYONE_HIGH).succeeded()).isTrue();
        assertThat(registry.check(Decision.RISK, HEADER + "rule \"x\" when then").errors()).isNotEmpty();
        assertThat(registry.compiledVersions(Decision.RISK)).isEmpty();
    }

    @Test
    void refusesToActivateAVersionNeverCompiled() {
        RulePackageRegistry registry = new RulePackageRegistry();
        registry.compile(Decision.RISK, "v1", EVERYONE_HIGH);

        assertThatThrownBy(() -> registry.activate(Decision.RISK, "v9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v9");
        // versions belong to one decision
        assertThatThrownBy(() -> registry.activate(Decision.PAYMENT, "v1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void treatsAVersionAsImmutable() {
        RulePackageRegistry registry = new RulePackageRegistry();
        registry.compile(Decision.RISK, "v1", EVERYONE_HIGH);

        assertThat(registry.compile(Decision.RISK, "v1", EVERYONE_HIGH).succeeded()).isTrue();
        CompileResult changed = registry.compile(Decision.RISK, "v1", DefaultRulePackages.drl(Decision.RISK));
        assertThat(changed.succeeded()).isFalse();
        assertThat(changed.errors()).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("new version"));
    }

    @Test
    void evaluatesConsistentlyWhileVersionsAreSwapped() throws Exception {
        RulePackageRegistry registry = new RulePackageRegistry();
        registry.compile(Decision.RISK, DefaultRulePackages.VERSION, DefaultRulePackages.drl(Decision.RISK));
        registry.compile(Decision.RISK, "everyone-high", EVERYONE_HIGH);
        registry.activate(Decision.RISK, DefaultRulePackages.VERSION);
        RiskScoring scoring = new RiskScoring(registry);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<RiskAssessment>>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    List<RiskAssessment> seen = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        seen.add(scoring.assess(NOTHING_WRONG));
                    }
                    return seen;
                }));
            }
            for (int i = 0; i < 50; i++) {
                registry.activate(Decision.RISK, i % 2 == 0 ? "everyone-high" : DefaultRulePackages.VERSION);
                Thread.sleep(1);
            }
            for (Future<List<RiskAssessment>> run : runs) {
                assertThat(run.get()).allSatisfy(assessment -> assertThat(assessment.tier()).isEqualTo(
                        assessment.rulePackageVersion().equals("everyone-high") ? RiskTier.HIGH : RiskTier.LOW));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

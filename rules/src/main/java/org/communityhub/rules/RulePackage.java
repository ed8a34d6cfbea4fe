package org.communityhub.rules;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One compiled version of a decision's rules. Facades evaluate facts with it; the KieBase stays inside.
 * The KieBase is shared by every thread; each evaluation gets its own session, disposed at the end.
 */
public final class RulePackage {

    /** A package that fires this often on one evaluation is looping (a rule re-triggering itself). */
    static final int MAX_FIRINGS = 10_000;

    private final Decision decision;
    private final String version;
    private final KieBase kieBase;

    RulePackage(Decision decision, String version, KieBase kieBase) {
        this.decision = decision;
        this.version = version;
        this.kieBase = kieBase;
    }

    public Decision decision() {
        return decision;
    }

    public String version() {
        return version;
    }

    /**
     * Inserts the facts, fires the rules and returns what working memory holds afterwards.
     *
     * @throws RuleEvaluationFailed when a rule throws or the rules do not come to rest
     */
    public EvaluatedFacts evaluate(Collection<?> facts) {
        Objects.requireNonNull(facts, "facts");
        // A stateful session (not stateless) so rules can react to facts other rules inserted and we can read them back.
        KieSession session = kieBase.newKieSession();
        FactsInOrder memory = new FactsInOrder();
        FiringCount firings = new FiringCount();
        session.addEventListener(memory);
        session.addEventListener(firings);
        try {
            facts.forEach(session::insert);
            int fired = session.fireAllRules(MAX_FIRINGS);
            if (fired >= MAX_FIRINGS) {
                throw new RuleEvaluationFailed(decision, version, firings.mostFired(),
                        "rules fired " + fired + " times without coming to rest; does rule \""
                                + firings.mostFired() + "\" re-trigger itself?", null);
            }
            return new EvaluatedFacts(memory.facts());
        } catch (RuleEvaluationFailed e) {
            throw e;
        } catch (RuntimeException e) {
            String rule = ruleThatFailed(e);
            throw new RuleEvaluationFailed(decision, version, rule,
                    (rule == null ? "" : "rule \"" + rule + "\" failed: ") + rootMessage(e), e);
        } finally {
            session.dispose();
        }
    }

    private static String ruleThatFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConsequenceException consequence && consequence.getMatch() != null) {
                return consequence.getMatch().getRule().getName();
            }
        }
        return null;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Working memory in insertion order: the session's own object store has no order. */
    private static final class FactsInOrder implements RuleRuntimeEventListener {
        private final Map<FactHandle, Object> facts = new LinkedHashMap<>();

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            facts.put(event.getFactHandle(), event.getObject());
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            facts.put(event.getFactHandle(), event.getObject());
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            facts.remove(event.getFactHandle());
        }

        List<Object> facts() {
            return List.copyOf(facts.values());
        }
    }

    /** Counts firings per rule so a runaway package can name its likely culprit. */
    private static final class FiringCount extends DefaultAgendaEventListener {
        private final Map<String, Integer> byRule = new HashMap<>();

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            byRule.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
        }

        String mostFired() {
            return byRule.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        }
    }

    @Override
    public String toString() {
        return decision + " " + version;
    }
}

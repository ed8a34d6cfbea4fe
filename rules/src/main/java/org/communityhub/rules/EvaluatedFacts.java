package org.communityhub.rules;

import java.util.List;

/** The facts in working memory once the rules have fired, in the order they were inserted (inputs first). */
public final class EvaluatedFacts {

    private final List<Object> facts;

    EvaluatedFacts(List<Object> facts) {
        this.facts = List.copyOf(facts);
    }

    public <T> List<T> ofType(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<Object> all() {
        return facts;
    }
}

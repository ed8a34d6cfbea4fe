package org.communityhub.rules.risk;

import java.util.List;

/** Outcome of scoring one checklist, with the rule package version that produced it. */
public record RiskAssessment(int score, RiskTier tier, List<PathwayRecommendation> recommendations,
        List<RiskPoint> points, String rulePackageVersion) {

    public RiskAssessment {
        recommendations = List.copyOf(recommendations);
        points = List.copyOf(points);
    }
}

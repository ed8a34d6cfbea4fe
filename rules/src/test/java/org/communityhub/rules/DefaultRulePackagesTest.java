package org.communityhub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DefaultRulePackagesTest {

    /** Rules decide what was earned; the payer's contract decides how much. */
    private static final Pattern MONEY = Pattern.compile("(?i)\\b(amounts?|prices?|dollars?|cents|usd)\\b|\\$\\s*\\d|\\d+\\.\\d{2}\\b");

    @ParameterizedTest
    @EnumSource(Decision.class)
    void shipsAPackageWithoutMoneyInIt(Decision decision) {
        String drl = DefaultRulePackages.drl(decision);

        assertThat(drl).startsWith("package org.communityhub.rules." + decision.name().toLowerCase());
        assertThat(MONEY.matcher(drl).find()).as("money in the %s package", decision).isFalse();
    }
}

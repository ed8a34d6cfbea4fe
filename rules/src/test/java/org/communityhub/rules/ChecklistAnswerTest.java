package org.communityhub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecklistAnswerTest {

    @ParameterizedTest(name = "\"{0}\" is yes={1}, no={2}, int={3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            yes     | true  | false | null
            ' YES ' | true  | false | null
            no      | false | true  | null
            No      | false | true  | null
            maybe   | false | false | null
            ''      | false | false | null
            null    | false | false | null
            3       | false | false | 3
            ' 12 '  | false | false | 12
            -1      | false | false | -1
            3.5     | false | false | null
            """)
    void readsTheAnswerTheWayRulesNeedIt(String value, boolean yes, boolean no, Integer intValue) {
        ChecklistAnswer answer = ChecklistAnswer.of("q", value);

        assertThat(answer.isYes()).isEqualTo(yes);
        assertThat(answer.isNo()).isEqualTo(no);
        assertThat(answer.getIntValue()).isEqualTo(intValue);
    }
}

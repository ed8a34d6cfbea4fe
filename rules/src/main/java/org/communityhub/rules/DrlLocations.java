package org.communityhub.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.builder.Message;

/** Turns Drools' messages and run-time failures into errors located in the author's DRL. */
final class DrlLocations {

    /** The parser writes "Line 5:31" (0-based column); MVEL writes "[Line: 5, Column: 4]" (0-based). */
    private static final Pattern PARSER_POSITION = Pattern.compile("Line (\\d+):(\\d+)");
    private static final Pattern MVEL_POSITION = Pattern.compile("\\[Line: (\\d+), Column: (\\d+)]");
    /** MVEL quotes the expression it choked on: "[Near : {... intValue == "abc" ....}]". */
    private static final Pattern MVEL_NEAR = Pattern.compile("\\[Near : \\{\\.\\.\\. (.+?) \\.\\.\\.\\.}]");
    /** Follows a syntax error; it repeats the real error without a location. */
    private static final String NULL_PACKAGE = "Parser returned a null Package";

    private DrlLocations() {
    }

    static List<CompileError> compileErrors(List<Message> messages) {
        List<CompileError> errors = new ArrayList<>();
        for (Message message : messages) {
            if (messages.size() > 1 && message.getText().contains(NULL_PACKAGE)) {
                continue;
            }
            errors.add(new CompileError(Math.max(message.getLine(), 0), column(message), message.getText().strip()));
        }
        return errors;
    }

    /** Drools 10's classic compiler leaves Message.getColumn() at 0 and puts the column in the text. */
    private static int column(Message message) {
        if (message.getColumn() > 0) {
            return message.getColumn();
        }
        for (Pattern pattern : List.of(PARSER_POSITION, MVEL_POSITION)) {
            Matcher m = pattern.matcher(message.getText());
            if (m.find() && Integer.parseInt(m.group(1)) == message.getLine()) {
                return Integer.parseInt(m.group(2)) + 1;
            }
        }
        return 0;
    }

    /**
     * Where in the DRL a run-time failure comes from: the expression MVEL quotes if it can be found,
     * else the failing rule's declaration, else nowhere (0, 0).
     */
    static CompileError runtimeError(String drl, RuleEvaluationFailed failure, String message) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher near = MVEL_NEAR.matcher(String.valueOf(t.getMessage()));
            if (near.find()) {
                int[] at = find(drl, near.group(1));
                if (at != null) {
                    return new CompileError(at[0], at[1], message);
                }
            }
        }
        return failure.ruleName()
                .map(rule -> find(drl, "rule \"" + rule + "\""))
                .map(at -> new CompileError(at[0], at[1], message))
                .orElse(new CompileError(0, 0, message));
    }

    /** 1-based line and column of the first occurrence of text in drl, or null. */
    private static int[] find(String drl, String text) {
        int index = drl.indexOf(text);
        if (index < 0) {
            return null;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (drl.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, index - lineStart + 1};
    }
}

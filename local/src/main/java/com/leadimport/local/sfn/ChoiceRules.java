package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Choice rules: a leaf compares {@code Variable} with one operator (String*, Numeric*,
 * Boolean*, Timestamp*, each with its {@code ...Path} form, StringMatches, IsNull,
 * IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp); And, Or and Not combine rules.
 * A Variable or operand path that matches nothing is a States.Runtime error (as on AWS),
 * except for IsPresent; a value of the wrong type simply does not match.
 */
final class ChoiceRules {

    private enum Kind { STRING, NUMERIC, BOOLEAN, TIMESTAMP, TYPE_TEST, MATCHES }

    private static final Map<String, Kind> OPERATORS = operators();

    private ChoiceRules() {
    }

    private static Map<String, Kind> operators() {
        Map<String, Kind> all = new java.util.HashMap<>();
        for (String relation : List.of("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals")) {
            for (String suffix : List.of("", "Path")) {
                all.put("String" + relation + suffix, Kind.STRING);
                all.put("Numeric" + relation + suffix, Kind.NUMERIC);
                all.put("Timestamp" + relation + suffix, Kind.TIMESTAMP);
            }
        }
        all.put("BooleanEquals", Kind.BOOLEAN);
        all.put("BooleanEqualsPath", Kind.BOOLEAN);
        all.put("StringMatches", Kind.MATCHES);
        for (String test : List.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp")) {
            all.put(test, Kind.TYPE_TEST);
        }
        return Map.copyOf(all);
    }

    // ---- load-time checks

    static void check(JsonNode rule, String where, boolean topLevel) {
        if (!rule.isObject()) {
            throw new DefinitionException(where + ": a choice rule must be an object");
        }
        Set<String> combinators = Set.of("And", "Or", "Not");
        String combinator = null;
        String operator = null;
        for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (combinators.contains(field)) {
                if (combinator != null || operator != null) {
                    throw new DefinitionException(where + ": a choice rule has one of And, Or, Not or a comparison, not '"
                            + field + "' as well");
                }
                combinator = field;
            } else if (OPERATORS.containsKey(field)) {
                if (operator != null || combinator != null) {
                    throw new DefinitionException(where + ": a choice rule has exactly one comparison operator, not '"
                            + field + "' as well");
                }
                operator = field;
            } else if (field.equals("Next")) {
                if (!topLevel) {
                    throw new DefinitionException(where + ": a nested choice rule cannot have Next");
                }
            } else if (!field.equals("Variable") && !field.equals("Comment")) {
                throw new DefinitionException(where + ": choice rule field '" + field
                        + "' is not supported by the local executor");
            }
        }
        if (topLevel && !rule.path("Next").isTextual()) {
            throw new DefinitionException(where + ": every top-level choice rule needs Next");
        }
        if (combinator != null) {
            if (rule.has("Variable")) {
                throw new DefinitionException(where + ": " + combinator + " cannot have a Variable");
            }
            JsonNode inner = rule.get(combinator);
            if (combinator.equals("Not")) {
                check(inner, where + " Not", false);
            } else {
                if (!inner.isArray() || inner.isEmpty()) {
                    throw new DefinitionException(where + ": " + combinator + " must be a non-empty array of rules");
                }
                for (JsonNode r : inner) {
                    check(r, where + " " + combinator, false);
                }
            }
            return;
        }
        if (operator == null) {
            throw new DefinitionException(where + ": a choice rule needs a comparison operator or And, Or, Not");
        }
        if (!rule.path("Variable").isTextual()) {
            throw new DefinitionException(where + ": " + operator + " needs a Variable");
        }
        JsonPaths.check(rule.get("Variable").asText(), where + " Variable");
        checkOperand(operator, rule.get(operator), where);
    }

    private static void checkOperand(String operator, JsonNode operand, String where) {
        String at = where + " " + operator;
        if (operator.endsWith("Path")) {
            if (!operand.isTextual()) {
                throw new DefinitionException(at + ": must be a path");
            }
            JsonPaths.check(operand.asText(), at);
            return;
        }
        boolean ok = switch (OPERATORS.get(operator)) {
            case STRING, MATCHES -> operand.isTextual();
            case NUMERIC -> operand.isNumber();
            case BOOLEAN, TYPE_TEST -> operand.isBoolean();
            case TIMESTAMP -> operand.isTextual() && timestamp(operand) != null;
        };
        if (!ok) {
            throw new DefinitionException(at + ": " + operand + " is not a valid operand");
        }
    }

    // ---- evaluation

    static boolean matches(JsonNode rule, JsonNode input, JsonNode context) {
        if (rule.has("And")) {
            for (JsonNode inner : rule.get("And")) {
                if (!matches(inner, input, context)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode inner : rule.get("Or")) {
                if (matches(inner, input, context)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input, context);
        }
        String variable = rule.get("Variable").asText();
        String operator = operatorOf(rule);
        JsonNode value = JsonPaths.read(input, context, variable);
        if (operator.equals("IsPresent")) {
            return (value != null) == rule.get("IsPresent").asBoolean();
        }
        if (value == null) {
            throw new StatesError(StatesError.RUNTIME, "Invalid path '" + variable
                    + "': The choice state's condition path references an invalid value.");
        }
        JsonNode operand = rule.get(operator);
        if (operator.endsWith("Path")) {
            String path = operand.asText();
            operand = JsonPaths.read(input, context, path);
            if (operand == null) {
                throw new StatesError(StatesError.RUNTIME, "Invalid path '" + path
                        + "': The choice state's condition path references an invalid value.");
            }
        }
        return compare(operator, OPERATORS.get(operator), value, operand);
    }

    private static String operatorOf(JsonNode rule) {
        for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (OPERATORS.containsKey(field)) {
                return field;
            }
        }
        throw new IllegalStateException("checked at load");
    }

    private static boolean compare(String operator, Kind kind, JsonNode value, JsonNode operand) {
        String relation = operator.replaceFirst("^(String|Numeric|Timestamp|Boolean)", "").replaceFirst("Path$", "");
        switch (kind) {
            case TYPE_TEST -> {
                boolean expected = operand.asBoolean();
                boolean actual = switch (operator) {
                    case "IsNull" -> value.isNull();
                    case "IsNumeric" -> value.isNumber();
                    case "IsString" -> value.isTextual();
                    case "IsBoolean" -> value.isBoolean();
                    case "IsTimestamp" -> value.isTextual() && timestamp(value) != null;
                    default -> throw new IllegalStateException(operator);
                };
                return actual == expected;
            }
            case MATCHES -> {
                return value.isTextual() && wildcard(operand.asText()).matcher(value.asText()).matches();
            }
            case BOOLEAN -> {
                return value.isBoolean() && operand.isBoolean() && value.asBoolean() == operand.asBoolean();
            }
            case STRING -> {
                return value.isTextual() && operand.isTextual() && holds(relation, value.asText().compareTo(operand.asText()));
            }
            case NUMERIC -> {
                return value.isNumber() && operand.isNumber()
                        && holds(relation, value.decimalValue().compareTo(operand.decimalValue()));
            }
            case TIMESTAMP -> {
                OffsetDateTime left = value.isTextual() ? timestamp(value) : null;
                OffsetDateTime right = operand.isTextual() ? timestamp(operand) : null;
                return left != null && right != null && holds(relation, left.toInstant().compareTo(right.toInstant()));
            }
            default -> throw new IllegalStateException(operator);
        }
    }

    private static boolean holds(String relation, int comparison) {
        return switch (relation) {
            case "Equals" -> comparison == 0;
            case "LessThan" -> comparison < 0;
            case "GreaterThan" -> comparison > 0;
            case "LessThanEquals" -> comparison <= 0;
            case "GreaterThanEquals" -> comparison >= 0;
            default -> throw new IllegalStateException(relation);
        };
    }

    private static OffsetDateTime timestamp(JsonNode value) {
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** StringMatches: {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}

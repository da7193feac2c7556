package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parts of DynamoDB's expression languages the product sends, parsed strictly and evaluated
 * on items in wire form: conditions ({@code = <> < <= > >=}, AND, OR, NOT, parentheses,
 * attribute_exists, attribute_not_exists, begins_with), key conditions, updates (SET to a value
 * or attribute, REMOVE, ADD of a number or set) and projections, all of top-level attributes.
 * Anything else is refused by name, never answered wrongly. Like the service, a reserved word
 * used as an attribute name is refused: it must go through ExpressionAttributeNames.
 */
final class Expressions {

    /** DynamoDB's reserved words (docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html). */
    static final Set<String> RESERVED_WORDS = reservedWords();

    private Expressions() {
    }

    private static Set<String> reservedWords() {
        try (InputStream in = Expressions.class.getResourceAsStream("reserved-words.txt")) {
            Set<String> words = new java.util.HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.trim());
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface Operand {
        /** The value, or null when the attribute is absent. */
        JsonNode value(JsonNode item);
    }

    interface Condition {
        boolean test(JsonNode item);
    }

    static Condition condition(String kind, String text, JsonNode names, JsonNode values) {
        Parser parser = new Parser(kind, text, names, values);
        Condition condition = parser.or();
        parser.expectEnd();
        return condition;
    }

    /** A ProjectionExpression: top-level attributes ({@code a, #b}). */
    static List<String> projection(String text, JsonNode names) {
        Parser parser = new Parser("ProjectionExpression", text, names, null);
        List<String> attributes = new ArrayList<>();
        do {
            String attribute = parser.name();
            if (attributes.contains(attribute)) {
                throw DynamoDbException.validation("Invalid ProjectionExpression: Two document paths overlap with each other;"
                        + " must remove or rewrite one of these paths; path one: [" + attribute + "], path two: [" + attribute + "]");
            }
            attributes.add(attribute);
        } while (parser.accept(","));
        parser.expectEnd();
        return attributes;
    }

    static ObjectNode project(ObjectNode item, List<String> attributes) {
        if (attributes == null) {
            return item;
        }
        ObjectNode projected = Values.JSON.objectNode();
        for (String attribute : attributes) {
            if (item.has(attribute)) {
                projected.set(attribute, item.get(attribute));
            }
        }
        return projected;
    }

    // ---------- key conditions ----------

    /** One comparison of a KeyConditionExpression: {@code name op low} ({@code high} for BETWEEN only). */
    record KeyTerm(String name, String op, JsonNode low, JsonNode high) {
    }

    /**
     * A KeyConditionExpression: one or two terms joined by AND, each {@code name op :value},
     * {@code name BETWEEN :a AND :b} or {@code begins_with(name, :prefix)}, optionally in
     * parentheses.
     */
    static List<KeyTerm> keyCondition(String text, JsonNode names, JsonNode values) {
        Parser parser = new Parser("KeyConditionExpression", text, names, values);
        List<KeyTerm> terms = new ArrayList<>();
        terms.add(parser.keyTerm());
        while (parser.acceptWord("AND")) {
            terms.add(parser.keyTerm());
        }
        if (parser.acceptWord("OR") || parser.acceptWord("NOT")) {
            throw DynamoDbException.validation("Invalid operator used in KeyConditionExpression: OR/NOT (" + text + ")");
        }
        parser.expectEnd();
        if (terms.size() > 2) {
            throw DynamoDbException.validation("Conditions can be of length 1 or 2 only (KeyConditionExpression " + text + ")");
        }
        return terms;
    }

    // ---------- updates ----------

    /** One action of an UpdateExpression on a top-level attribute. */
    interface Action {
        /** Changes {@code item}, reading any operand from {@code original} (the item before the update). */
        void apply(ObjectNode item, JsonNode original);

        String target();
    }

    static List<Action> update(String text, JsonNode names, JsonNode values) {
        Parser parser = new Parser("UpdateExpression", text, names, values);
        List<Action> actions = new ArrayList<>();
        Set<String> clauses = new java.util.HashSet<>();
        Set<String> targets = new java.util.HashSet<>();
        while (!parser.atEnd()) {
            String clause = parser.word().toUpperCase(Locale.ROOT);
            if (!clauses.add(clause)) {
                throw DynamoDbException.validation("Invalid UpdateExpression: The \"" + clause
                        + "\" section can only be used once in an update expression;");
            }
            do {
                Action action = switch (clause) {
                    case "SET" -> parser.setAction();
                    case "REMOVE" -> parser.removeAction();
                    case "ADD" -> parser.addAction();
                    case "DELETE" -> throw DynamoDbException.validation("the DELETE clause of an UpdateExpression is not"
                            + " supported by the local DynamoDB server");
                    default -> throw DynamoDbException.validation("Invalid UpdateExpression: Syntax error; token: \"" + clause + "\"");
                };
                if (!targets.add(action.target())) {
                    throw DynamoDbException.validation("Invalid UpdateExpression: Two document paths overlap with each other;"
                            + " must remove or rewrite one of these paths; path one: [" + action.target() + "], path two: ["
                            + action.target() + "]");
                }
                actions.add(action);
            } while (parser.accept(","));
        }
        if (actions.isEmpty()) {
            throw DynamoDbException.validation("Invalid UpdateExpression: The expression can not be empty;");
        }
        return actions;
    }

    // ---------- parser ----------

    private static final class Parser {
        private static final Set<String> UNSUPPORTED_FUNCTIONS = Set.of("size", "contains", "attribute_type",
                "if_not_exists", "list_append");

        private final String kind;
        private final String s;
        private final JsonNode names;
        private final JsonNode values;
        private int i;

        Parser(String kind, String text, JsonNode names, JsonNode values) {
            this.kind = kind;
            this.s = text;
            this.names = names;
            this.values = values;
        }

        boolean atEnd() {
            skip();
            return i >= s.length();
        }

        void expectEnd() {
            if (!atEnd()) {
                throw invalid("Syntax error; token: \"" + s.substring(i) + "\"");
            }
        }

        private DynamoDbException invalid(String detail) {
            return DynamoDbException.validation("Invalid " + kind + ": " + detail + " (expression: " + s + ")");
        }

        private DynamoDbException unsupported(String what) {
            return DynamoDbException.validation(what + " in a " + kind + " is not supported by the local DynamoDB server"
                    + " (expression: " + s + ")");
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean accept(String token) {
            skip();
            if (s.startsWith(token, i)) {
                i += token.length();
                return true;
            }
            return false;
        }

        boolean acceptWord(String word) {
            skip();
            int end = i + word.length();
            if (s.regionMatches(true, i, word, 0, word.length()) && (end == s.length() || !isNameChar(s.charAt(end)))) {
                i = end;
                return true;
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw invalid("Syntax error; expected \"" + token + "\" at position " + i);
            }
        }

        String word() {
            skip();
            int start = i;
            while (i < s.length() && isNameChar(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw invalid("Syntax error; token: \"" + (i < s.length() ? s.substring(i, i + 1) : "<EOF>") + "\"");
            }
            return s.substring(start, i);
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '#' || c == ':';
        }

        /** True when a function call starts here ({@code word(}); the position is left unchanged. */
        private String functionAhead() {
            int save = i;
            skip();
            int start = i;
            while (i < s.length() && isNameChar(s.charAt(i))) {
                i++;
            }
            String word = s.substring(start, i);
            skip();
            boolean call = !word.isEmpty() && i < s.length() && s.charAt(i) == '(';
            i = save;
            return call ? word : null;
        }

        /** An attribute name: a top-level name or #alias; nested document paths are refused. */
        String name() {
            String token = word();
            String name;
            if (token.startsWith("#")) {
                JsonNode alias = names == null ? null : names.get(token);
                if (alias == null) {
                    throw DynamoDbException.validation("Invalid " + kind + ": An expression attribute name used in the"
                            + " document path is not defined; attribute name: " + token);
                }
                name = alias.asText();
            } else if (token.startsWith(":")) {
                throw invalid("Syntax error; a value " + token + " where an attribute name was expected");
            } else {
                if (!Character.isLetter(token.charAt(0)) && token.charAt(0) != '_') {
                    throw invalid("Syntax error; token: \"" + token + "\" (a name that starts with a digit needs"
                            + " ExpressionAttributeNames)");
                }
                if (RESERVED_WORDS.contains(token.toUpperCase(Locale.ROOT))) {
                    throw DynamoDbException.validation("Invalid " + kind + ": Attribute name is a reserved keyword;"
                            + " reserved keyword: " + token);
                }
                name = token;
            }
            if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == '[')) {
                throw unsupported("a nested document path (" + token + s.charAt(i) + "...)");
            }
            return name;
        }

        private JsonNode value() {
            String token = word();
            if (!token.startsWith(":")) {
                throw invalid("Syntax error; expected an expression attribute value (:name), got \"" + token + "\"");
            }
            JsonNode value = values == null ? null : values.get(token);
            if (value == null) {
                throw DynamoDbException.validation("Invalid " + kind + ": An expression attribute value used in expression"
                        + " is not defined; attribute value: " + token);
            }
            return value;
        }

        Operand operand() {
            skip();
            if (i < s.length() && s.charAt(i) == ':') {
                JsonNode value = value();
                return item -> value;
            }
            String function = functionAhead();
            if (function != null) {
                throw unsupported("the function " + function);
            }
            String attribute = name();
            return item -> item.get(attribute);
        }

        KeyTerm keyTerm() {
            if (accept("(")) {
                KeyTerm inner = keyTerm();
                expect(")");
                return inner;
            }
            String function = functionAhead();
            if (function != null) {
                if (!function.equals("begins_with")) {
                    throw invalid("Invalid operator used in KeyConditionExpression: " + function);
                }
                word();
                expect("(");
                String attribute = name();
                expect(",");
                JsonNode prefix = keyValue();
                expect(")");
                if (!prefix.has("S") && !prefix.has("B")) {
                    throw invalid("Incorrect operand type for operator or function; operator or function: begins_with,"
                            + " operand type: " + Values.type(prefix));
                }
                return new KeyTerm(attribute, "begins_with", prefix, null);
            }
            String attribute = name();
            if (acceptWord("BETWEEN")) {
                JsonNode low = keyValue();
                if (!acceptWord("AND")) {
                    throw invalid("Syntax error; BETWEEN needs AND");
                }
                JsonNode high = keyValue();
                if (!Values.type(low).equals(Values.type(high))) {
                    throw invalid("The BETWEEN operator requires bounds of one type");
                }
                if (Values.compare(low, high) > 0) {
                    throw invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound;"
                            + " lower bound operand: " + low + ", upper bound operand: " + high);
                }
                return new KeyTerm(attribute, "BETWEEN", low, high);
            }
            String op = comparator();
            if (op.equals("<>")) {
                throw invalid("Unsupported operator on KeyConditionExpression: operator: <>");
            }
            return new KeyTerm(attribute, op, keyValue(), null);
        }

        private JsonNode keyValue() {
            JsonNode value = value();
            String type = Values.type(value);
            if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Condition parameter type does"
                        + " not match schema type");
            }
            return value;
        }

        Condition or() {
            Condition left = and();
            while (acceptWord("OR")) {
                Condition l = left;
                Condition r = and();
                left = item -> l.test(item) || r.test(item);
            }
            return left;
        }

        Condition and() {
            Condition left = not();
            while (acceptWord("AND")) {
                Condition l = left;
                Condition r = not();
                left = item -> l.test(item) && r.test(item);
            }
            return left;
        }

        Condition not() {
            if (acceptWord("NOT")) {
                Condition inner = not();
                return item -> !inner.test(item);
            }
            return primary();
        }

        Condition primary() {
            if (accept("(")) {
                Condition inner = or();
                expect(")");
                return inner;
            }
            String function = functionAhead();
            if (function != null) {
                return function(function);
            }
            Operand left = operand();
            if (acceptWord("BETWEEN") || acceptWord("IN")) {
                throw unsupported("BETWEEN and IN");
            }
            String comparator = comparator();
            Operand right = operand();
            return item -> compare(left.value(item), comparator, right.value(item));
        }

        private Condition function(String function) {
            if (UNSUPPORTED_FUNCTIONS.contains(function)) {
                throw unsupported("the function " + function);
            }
            if (!Set.of("attribute_exists", "attribute_not_exists", "begins_with").contains(function)) {
                throw invalid("Invalid function name; function: " + function);
            }
            word();
            expect("(");
            String attribute = name();
            Condition result;
            if (function.equals("begins_with")) {
                expect(",");
                Operand prefix = operand();
                result = item -> {
                    JsonNode v = item.get(attribute);
                    JsonNode p = prefix.value(item);
                    return v != null && p != null && v.has("S") && p.has("S") && v.get("S").asText().startsWith(p.get("S").asText());
                };
            } else {
                boolean exists = function.equals("attribute_exists");
                result = item -> item.has(attribute) == exists;
            }
            expect(")");
            return result;
        }

        private String comparator() {
            for (String op : List.of("<>", "<=", ">=", "=", "<", ">")) {
                if (accept(op)) {
                    return op;
                }
            }
            throw invalid("Syntax error; expected a comparator at position " + i);
        }

        Action setAction() {
            String target = name();
            expect("=");
            String function = functionAhead();
            if (function != null) {
                throw unsupported("the function " + function);
            }
            Operand operand = operand();
            skip();
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                throw unsupported("arithmetic (" + s.charAt(i) + ")");
            }
            return new Action() {
                public void apply(ObjectNode item, JsonNode original) {
                    JsonNode v = operand.value(original);
                    if (v == null) {
                        throw DynamoDbException.validation("The provided expression refers to an attribute that does not exist"
                                + " in the item");
                    }
                    item.set(target, v.deepCopy());
                }

                public String target() {
                    return target;
                }
            };
        }

        Action removeAction() {
            String target = name();
            return new Action() {
                public void apply(ObjectNode item, JsonNode original) {
                    item.remove(target);
                }

                public String target() {
                    return target;
                }
            };
        }

        Action addAction() {
            String target = name();
            JsonNode value = value();
            String type = Values.type(value);
            if (!Set.of("N", "SS", "NS", "BS").contains(type)) {
                throw invalid("Incorrect operand type for operator or function; operator: ADD, operand type: " + type);
            }
            return new Action() {
                public void apply(ObjectNode item, JsonNode original) {
                    JsonNode current = item.get(target);
                    if (current != null && !Values.type(current).equals(type)) {
                        throw DynamoDbException.validation("An operand in the update expression has an incorrect data type");
                    }
                    if (type.equals("N")) {
                        BigDecimal base = current == null ? BigDecimal.ZERO : new BigDecimal(current.get("N").asText());
                        item.set(target, Values.number(KeyCodec.number(base.add(new BigDecimal(value.get("N").asText()))
                                .toPlainString())));
                        return;
                    }
                    // members by value (numbers: 1 and 1.0 are one member), each kept in its first form
                    Map<Object, String> members = new LinkedHashMap<>();
                    if (current != null) {
                        Values.content(current).forEach(m -> members.putIfAbsent(Values.member(type, m.asText()), m.asText()));
                    }
                    Values.content(value).forEach(m -> members.putIfAbsent(Values.member(type, m.asText()), m.asText()));
                    item.set(target, Values.setOf(type, new LinkedHashSet<>(members.values())));
                }

                public String target() {
                    return target;
                }
            };
        }
    }

    private static boolean compare(JsonNode a, String op, JsonNode b) {
        if (a == null || b == null) {
            return op.equals("<>") && (a != null || b != null);
        }
        return switch (op) {
            case "=" -> Values.equal(a, b);
            case "<>" -> !Values.equal(a, b);
            default -> {
                if (!Values.comparable(a, b)) {
                    yield false;
                }
                int c = Values.compare(a, b);
                yield switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
            }
        };
    }
}

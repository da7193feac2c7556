package com.leadimport.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DynamoDB's expression languages: conditions (ConditionExpression, FilterExpression,
 * KeyConditionExpression) and updates (UpdateExpression), parsed into small trees and
 * evaluated on items in wire form. Syntax the emulator does not know is a
 * ValidationException, never a silent wrong answer.
 */
final class Expressions {

    private Expressions() {
    }

    // ---------- paths and operands ----------

    /** A document path: attribute names and list indexes. */
    record Path(List<Object> parts) {
        String top() {
            return (String) parts.get(0);
        }

        JsonNode get(JsonNode item) {
            JsonNode node = item.get(top());
            for (int i = 1; i < parts.size() && node != null; i++) {
                Object part = parts.get(i);
                if (part instanceof Integer index) {
                    node = node.has("L") ? node.get("L").get(index) : null;
                } else {
                    node = node.has("M") ? node.get("M").get((String) part) : null;
                }
            }
            return node;
        }

        void set(ObjectNode item, JsonNode value) {
            if (parts.size() == 1) {
                item.set(top(), value);
                return;
            }
            JsonNode parent = new Path(parts.subList(0, parts.size() - 1)).get(item);
            Object last = parts.get(parts.size() - 1);
            if (parent == null) {
                throw DynamoDbException.validation("The document path provided in the update expression is invalid for update");
            }
            if (last instanceof Integer index && parent.has("L")) {
                com.fasterxml.jackson.databind.node.ArrayNode list = (com.fasterxml.jackson.databind.node.ArrayNode) parent.get("L");
                if (index < list.size()) {
                    list.set(index, value);
                } else {
                    list.add(value);
                }
            } else if (last instanceof String name && parent.has("M")) {
                ((ObjectNode) parent.get("M")).set(name, value);
            } else {
                throw DynamoDbException.validation("The document path provided in the update expression is invalid for update");
            }
        }

        void remove(ObjectNode item) {
            if (parts.size() == 1) {
                item.remove(top());
                return;
            }
            JsonNode parent = new Path(parts.subList(0, parts.size() - 1)).get(item);
            Object last = parts.get(parts.size() - 1);
            if (parent != null && last instanceof String name && parent.has("M")) {
                ((ObjectNode) parent.get("M")).remove(name);
            } else if (parent != null && last instanceof Integer index && parent.has("L") && index < parent.get("L").size()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) parent.get("L")).remove(index);
            }
        }
    }

    interface Operand {
        /** The value, or null when the path is absent. */
        JsonNode value(JsonNode item);
    }

    record PathOperand(Path path) implements Operand {
        public JsonNode value(JsonNode item) {
            return path.get(item);
        }
    }

    record Literal(JsonNode literal) implements Operand {
        public JsonNode value(JsonNode item) {
            return literal;
        }
    }

    record Size(Path path) implements Operand {
        public JsonNode value(JsonNode item) {
            JsonNode v = path.get(item);
            if (v == null) {
                return null;
            }
            String type = Values.type(v);
            int size = switch (type) {
                case "S" -> v.get("S").asText().length();
                case "B" -> java.util.Base64.getDecoder().decode(v.get("B").asText()).length;
                case "SS", "NS", "BS", "L", "M" -> Values.content(v).size();
                default -> -1;
            };
            return size < 0 ? null : Values.number(BigDecimal.valueOf(size));
        }
    }

    // ---------- conditions ----------

    interface Condition {
        boolean test(JsonNode item);
    }

    static Condition condition(String text, JsonNode names, JsonNode values) {
        Parser parser = new Parser(text, names, values);
        Condition condition = parser.or();
        parser.expectEnd();
        return condition;
    }

    // ---------- projections ----------

    /** A ProjectionExpression: top-level attributes and map paths ({@code a, #b, m.x}); list elements are refused. */
    static List<Path> projection(String text, JsonNode names) {
        Parser parser = new Parser(text, names, null);
        List<Path> paths = new ArrayList<>();
        do {
            Path path = parser.path();
            for (Object part : path.parts()) {
                if (part instanceof Integer) {
                    throw DynamoDbException.validation("list elements ([n]) in a ProjectionExpression are not supported by the"
                            + " local emulator: " + text);
                }
            }
            paths.add(path);
        } while (parser.accept(","));
        parser.expectEnd();
        return paths;
    }

    /** The item limited to the paths: maps keep only the projected members. */
    static ObjectNode project(ObjectNode item, List<Path> paths) {
        ObjectNode projected = Values.JSON.objectNode();
        for (Path path : paths) {
            JsonNode value = path.get(item);
            if (value == null) {
                continue;
            }
            ObjectNode container = projected;
            List<Object> parts = path.parts();
            for (int k = 0; k < parts.size() - 1; k++) {
                String name = (String) parts.get(k);
                JsonNode existing = container.get(name);
                if (existing == null || !existing.has("M")) {
                    existing = Values.JSON.objectNode().set("M", Values.JSON.objectNode());
                    container.set(name, existing);
                }
                container = (ObjectNode) existing.get("M");
            }
            container.set((String) parts.get(parts.size() - 1), value);
        }
        return projected;
    }

    // ---------- key conditions ----------

    /** One comparison of a KeyConditionExpression: {@code name op low} ({@code high} for BETWEEN only). */
    record KeyTerm(String name, String op, JsonNode low, JsonNode high) {
        boolean test(JsonNode value) {
            if (value == null || !Values.comparable(value, low)) {
                return false;
            }
            int c = Values.compare(value, low);
            return switch (op) {
                case "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "BETWEEN" -> c >= 0 && Values.compare(value, high) <= 0;
                case "begins_with" -> value.has("S") ? value.get("S").asText().startsWith(low.get("S").asText())
                        : startsWith(java.util.Base64.getDecoder().decode(value.get("B").asText()),
                                java.util.Base64.getDecoder().decode(low.get("B").asText()));
                default -> throw new IllegalStateException(op);
            };
        }

        private static boolean startsWith(byte[] value, byte[] prefix) {
            return value.length >= prefix.length
                    && java.util.Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
        }
    }

    /**
     * A KeyConditionExpression: one or two terms joined by AND, each {@code name op :value},
     * {@code name BETWEEN :a AND :b} or {@code begins_with(name, :prefix)}, optionally in
     * parentheses. Anything else (OR, NOT, other functions, nested paths) is refused.
     */
    static List<KeyTerm> keyCondition(String text, JsonNode names, JsonNode values) {
        Parser parser = new Parser(text, names, values);
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

    interface Action {
        /** Changes {@code item}, reading any operand from {@code original} (the item before the update). */
        void apply(ObjectNode item, JsonNode original);

        Path target();
    }

    static List<Action> update(String text, JsonNode names, JsonNode values) {
        Parser parser = new Parser(text, names, values);
        List<Action> actions = new ArrayList<>();
        Set<String> clauses = new java.util.HashSet<>();
        while (!parser.atEnd()) {
            String clause = parser.word().toUpperCase(Locale.ROOT);
            if (!clauses.add(clause)) {
                throw DynamoDbException.validation("The \"" + clause + "\" section can only be used once in an update expression");
            }
            do {
                actions.add(switch (clause) {
                    case "SET" -> parser.setAction();
                    case "REMOVE" -> parser.removeAction();
                    case "ADD" -> parser.addAction(true);
                    case "DELETE" -> parser.addAction(false);
                    default -> throw DynamoDbException.validation("Invalid UpdateExpression: unknown clause " + clause);
                });
            } while (parser.accept(","));
        }
        if (actions.isEmpty()) {
            throw DynamoDbException.validation("Invalid UpdateExpression: the expression is empty");
        }
        for (int a = 0; a < actions.size(); a++) {
            for (int b = a + 1; b < actions.size(); b++) {
                List<Object> x = actions.get(a).target().parts();
                List<Object> y = actions.get(b).target().parts();
                int common = Math.min(x.size(), y.size());
                if (x.subList(0, common).equals(y.subList(0, common))) {
                    throw DynamoDbException.validation("Invalid UpdateExpression: Two document paths overlap with each other;"
                            + " must remove or rewrite one of these paths; path one: " + x + ", path two: " + y);
                }
            }
        }
        return actions;
    }

    // ---------- parser ----------

    private static final class Parser {
        private final String s;
        private final JsonNode names;
        private final JsonNode values;
        private int i;

        Parser(String text, JsonNode names, JsonNode values) {
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
                throw invalid("unexpected '" + s.substring(i) + "'");
            }
        }

        private DynamoDbException invalid(String detail) {
            return DynamoDbException.validation("Invalid expression '" + s + "': " + detail
                    + " (or syntax the local emulator does not support)");
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
                throw invalid("expected '" + token + "' at position " + i);
            }
        }

        String word() {
            skip();
            int start = i;
            while (i < s.length() && isNameChar(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw invalid("expected a name at position " + start);
            }
            return s.substring(start, i);
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '#' || c == ':' || c == '-';
        }

        KeyTerm keyTerm() {
            if (accept("(")) {
                KeyTerm inner = keyTerm();
                expect(")");
                return inner;
            }
            int save = i;
            String word = word();
            skip();
            if (word.equalsIgnoreCase("begins_with") && i < s.length() && s.charAt(i) == '(') {
                expect("(");
                String name = keyName();
                expect(",");
                JsonNode prefix = keyValue();
                expect(")");
                if (!prefix.has("S") && !prefix.has("B")) {
                    throw DynamoDbException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or"
                            + " function; operator or function: begins_with, operand type: " + Values.type(prefix));
                }
                return new KeyTerm(name, "begins_with", prefix, null);
            }
            i = save;
            String name = keyName();
            if (acceptWord("BETWEEN")) {
                JsonNode low = keyValue();
                if (!acceptWord("AND")) {
                    throw invalid("BETWEEN needs AND");
                }
                JsonNode high = keyValue();
                if (!Values.comparable(low, high)) {
                    throw DynamoDbException.validation("Invalid KeyConditionExpression: BETWEEN bounds of different or"
                            + " unordered types");
                }
                if (Values.compare(low, high) > 0) {
                    throw DynamoDbException.validation("Invalid KeyConditionExpression: The BETWEEN operator requires upper"
                            + " bound to be greater than or equal to lower bound");
                }
                return new KeyTerm(name, "BETWEEN", low, high);
            }
            String op = comparator();
            if (op.equals("<>")) {
                throw DynamoDbException.validation("Unsupported operator on KeyConditionExpression: operator: <>");
            }
            return new KeyTerm(name, op, keyValue(), null);
        }

        private String keyName() {
            Path path = path();
            if (path.parts().size() != 1) {
                throw invalid("a key condition names a top-level key attribute");
            }
            return path.top();
        }

        private JsonNode keyValue() {
            Operand operand = operand();
            if (!(operand instanceof Literal literal)) {
                throw invalid("a key condition compares a key with a :value");
            }
            String type = Values.type(literal.literal());
            if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Condition parameter type does"
                        + " not match schema type");
            }
            return literal.literal();
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
            int save = i;
            String word = word();
            String lower = word.toLowerCase(Locale.ROOT);
            skip();
            if (i < s.length() && s.charAt(i) == '(' && Set.of("attribute_exists", "attribute_not_exists", "begins_with",
                    "contains", "attribute_type").contains(lower)) {
                expect("(");
                Path path = path();
                Condition result;
                switch (lower) {
                    case "attribute_exists" -> result = item -> path.get(item) != null;
                    case "attribute_not_exists" -> result = item -> path.get(item) == null;
                    case "begins_with" -> {
                        expect(",");
                        Operand prefix = operand();
                        result = item -> {
                            JsonNode v = path.get(item);
                            JsonNode p = prefix.value(item);
                            return v != null && p != null && v.has("S") && p.has("S")
                                    && v.get("S").asText().startsWith(p.get("S").asText());
                        };
                    }
                    case "contains" -> {
                        expect(",");
                        Operand needle = operand();
                        result = item -> contains(path.get(item), needle.value(item));
                    }
                    default -> {
                        expect(",");
                        Operand type = operand();
                        result = item -> {
                            JsonNode v = path.get(item);
                            JsonNode t = type.value(item);
                            return v != null && t != null && Values.type(v).equals(t.path("S").asText());
                        };
                    }
                }
                expect(")");
                return result;
            }
            i = save;
            Operand left = operand();
            if (acceptWord("BETWEEN")) {
                Operand low = operand();
                if (!acceptWord("AND")) {
                    throw invalid("BETWEEN needs AND");
                }
                Operand high = operand();
                return item -> {
                    JsonNode v = left.value(item);
                    JsonNode lo = low.value(item);
                    JsonNode hi = high.value(item);
                    return v != null && lo != null && hi != null && Values.comparable(v, lo) && Values.comparable(v, hi)
                            && Values.compare(v, lo) >= 0 && Values.compare(v, hi) <= 0;
                };
            }
            if (acceptWord("IN")) {
                expect("(");
                List<Operand> options = new ArrayList<>();
                do {
                    options.add(operand());
                } while (accept(","));
                expect(")");
                return item -> {
                    JsonNode v = left.value(item);
                    return v != null && options.stream().map(o -> o.value(item)).anyMatch(o -> o != null && Values.equal(v, o));
                };
            }
            String comparator = comparator();
            Operand right = operand();
            return item -> compare(left.value(item), comparator, right.value(item));
        }

        private String comparator() {
            for (String op : List.of("<>", "<=", ">=", "=", "<", ">")) {
                if (accept(op)) {
                    return op;
                }
            }
            throw invalid("expected a comparator at position " + i);
        }

        Operand operand() {
            skip();
            if (i < s.length() && s.charAt(i) == ':') {
                String name = word();
                JsonNode value = values == null ? null : values.get(name);
                if (value == null) {
                    throw DynamoDbException.validation("An expression attribute value used in expression is not defined; "
                            + "attribute value: " + name);
                }
                return new Literal(value);
            }
            int save = i;
            String word = word();
            skip();
            if (word.equalsIgnoreCase("size") && i < s.length() && s.charAt(i) == '(') {
                expect("(");
                Path path = path();
                expect(")");
                return new Size(path);
            }
            i = save;
            return new PathOperand(path());
        }

        Path path() {
            List<Object> parts = new ArrayList<>();
            parts.add(name(word()));
            while (true) {
                if (accept(".")) {
                    parts.add(name(word()));
                } else if (i < s.length() && s.charAt(i) == '[') {
                    i++;
                    int close = s.indexOf(']', i);
                    if (close < 0) {
                        throw invalid("unclosed [");
                    }
                    try {
                        parts.add(Integer.parseInt(s.substring(i, close).trim()));
                    } catch (NumberFormatException e) {
                        throw invalid("a list index must be a number");
                    }
                    i = close + 1;
                } else {
                    return new Path(parts);
                }
            }
        }

        private String name(String token) {
            if (token.startsWith("#")) {
                JsonNode name = names == null ? null : names.get(token);
                if (name == null) {
                    throw DynamoDbException.validation("An expression attribute name used in the document path is not defined; "
                            + "attribute name: " + token);
                }
                return name.asText();
            }
            if (token.startsWith(":")) {
                throw invalid("a value " + token + " where a name was expected");
            }
            return token;
        }

        Action setAction() {
            Path target = path();
            expect("=");
            Operand first = valueOperand();
            Operand value = first;
            if (accept("+")) {
                Operand second = valueOperand();
                value = item -> arithmetic(first.value(item), second.value(item), true);
            } else if (accept("-")) {
                Operand second = valueOperand();
                value = item -> arithmetic(first.value(item), second.value(item), false);
            }
            Operand result = value;
            return new Action() {
                public void apply(ObjectNode item, JsonNode original) {
                    JsonNode v = result.value(original);
                    if (v == null) {
                        throw DynamoDbException.validation("The provided expression refers to an attribute that does not exist in the item");
                    }
                    target.set(item, v.deepCopy());
                }

                public Path target() {
                    return target;
                }
            };
        }

        /** An operand of SET: a path, a value, if_not_exists(path, value) or list_append(a, b). */
        private Operand valueOperand() {
            skip();
            int save = i;
            if (i < s.length() && s.charAt(i) != ':') {
                String word = word();
                skip();
                if (i < s.length() && s.charAt(i) == '(') {
                    expect("(");
                    if (word.equals("if_not_exists")) {
                        Path path = path();
                        expect(",");
                        Operand fallback = valueOperand();
                        expect(")");
                        return item -> {
                            JsonNode v = path.get(item);
                            return v != null ? v : fallback.value(item);
                        };
                    }
                    if (word.equals("list_append")) {
                        Operand a = valueOperand();
                        expect(",");
                        Operand b = valueOperand();
                        expect(")");
                        return item -> {
                            JsonNode la = a.value(item);
                            JsonNode lb = b.value(item);
                            if (la == null || lb == null || !la.has("L") || !lb.has("L")) {
                                throw DynamoDbException.validation("list_append needs two lists");
                            }
                            ObjectNode out = Values.JSON.objectNode();
                            out.putArray("L").addAll((com.fasterxml.jackson.databind.node.ArrayNode) la.get("L").deepCopy())
                                    .addAll((com.fasterxml.jackson.databind.node.ArrayNode) lb.get("L").deepCopy());
                            return out;
                        };
                    }
                    throw invalid("unknown function " + word);
                }
                i = save;
            }
            return operand();
        }

        Action removeAction() {
            Path target = path();
            return new Action() {
                public void apply(ObjectNode item, JsonNode original) {
                    target.remove(item);
                }

                public Path target() {
                    return target;
                }
            };
        }

        Action addAction(boolean add) {
            Path target = path();
            Operand operand = operand();
            return new Action() {
                public void apply(ObjectNode item, JsonNode original) {
                    JsonNode value = operand.value(item);
                    JsonNode current = target.get(item);
                    String type = Values.type(value);
                    if (type.equals("N") && add) {
                        if (current != null && !current.has("N")) {
                            throw DynamoDbException.validation("An operand in the update expression has an incorrect data type");
                        }
                        BigDecimal base = current == null ? BigDecimal.ZERO : new BigDecimal(current.get("N").asText());
                        target.set(item, Values.number(base.add(new BigDecimal(value.get("N").asText()))));
                    } else if (type.equals("SS") || type.equals("NS") || type.equals("BS")) {
                        if (current != null && !Values.type(current).equals(type)) {
                            throw DynamoDbException.validation("An operand in the update expression has an incorrect data type");
                        }
                        // members by value (numbers: 1 and 1.0 are one member), each kept in its first form
                        java.util.LinkedHashMap<Object, String> members = new java.util.LinkedHashMap<>();
                        if (current != null) {
                            Values.content(current).forEach(m -> members.putIfAbsent(Values.member(type, m.asText()), m.asText()));
                        }
                        for (JsonNode m : Values.content(value)) {
                            if (add) {
                                members.putIfAbsent(Values.member(type, m.asText()), m.asText());
                            } else {
                                members.remove(Values.member(type, m.asText()));
                            }
                        }
                        if (members.isEmpty()) {
                            target.remove(item);
                        } else {
                            target.set(item, Values.setOf(type, new java.util.LinkedHashSet<>(members.values())));
                        }
                    } else {
                        throw DynamoDbException.validation("An operand in the update expression has an incorrect data type");
                    }
                }

                public Path target() {
                    return target;
                }
            };
        }
    }

    private static JsonNode arithmetic(JsonNode a, JsonNode b, boolean plus) {
        if (a == null || b == null || !a.has("N") || !b.has("N")) {
            throw DynamoDbException.validation("An operand in the update expression has an incorrect data type");
        }
        BigDecimal x = new BigDecimal(a.get("N").asText());
        BigDecimal y = new BigDecimal(b.get("N").asText());
        return Values.number(plus ? x.add(y) : x.subtract(y));
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

    private static boolean contains(JsonNode haystack, JsonNode needle) {
        if (haystack == null || needle == null) {
            return false;
        }
        return switch (Values.type(haystack)) {
            case "S" -> needle.has("S") && haystack.get("S").asText().contains(needle.get("S").asText());
            case "SS", "NS", "BS" -> {
                String type = Values.type(haystack);
                if (!Values.type(needle).equals(type.substring(0, 1))) {
                    yield false;
                }
                Object wanted = Values.member(type, Values.content(needle).asText());
                for (JsonNode m : Values.content(haystack)) {
                    if (Values.member(type, m.asText()).equals(wanted)) {
                        yield true;
                    }
                }
                yield false;
            }
            case "L" -> {
                for (JsonNode element : haystack.get("L")) {
                    if (Values.equal(element, needle)) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> false;
        };
    }
}

package com.leadimport.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The intrinsic functions the local executor runs, in {@code "key.$"} fields of payload
 * templates: States.Format, States.StringToJson, States.JsonToString, States.Array,
 * States.ArrayLength, States.MathAdd, States.UUID and States.Hash. Arguments are string
 * literals in single quotes (escapes {@code \'} {@code \{} {@code \}} {@code \\}), numbers,
 * paths ({@code $...}, {@code $$...}) and nested calls. Any other function is refused at load.
 * A function that fails at run time is a States.IntrinsicFailure.
 */
final class Intrinsics {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Supported functions and their argument counts (-1: any number). */
    private static final Map<String, int[]> ARITY = Map.of(
            "States.Format", new int[] {1, Integer.MAX_VALUE},
            "States.StringToJson", new int[] {1, 1},
            "States.JsonToString", new int[] {1, 1},
            "States.Array", new int[] {0, Integer.MAX_VALUE},
            "States.ArrayLength", new int[] {1, 1},
            "States.MathAdd", new int[] {2, 2},
            "States.UUID", new int[] {0, 0},
            "States.Hash", new int[] {2, 2});
    private static final Set<String> HASHES = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private Intrinsics() {
    }

    sealed interface Expr permits Call, Literal, PathArg {
    }

    record Call(String function, List<Expr> args) implements Expr {
    }

    /** A literal; {@code raw} keeps a string's escapes for States.Format's {} placeholders. */
    record Literal(JsonNode value, String raw) implements Expr {
    }

    record PathArg(String path) implements Expr {
    }

    static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    /** Parses and checks a call at load time. */
    static void check(String text, String where) {
        try {
            checkCall(parse(text));
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(where + ": " + e.getMessage());
        }
    }

    private static void checkCall(Call call) {
        int[] arity = ARITY.get(call.function());
        if (arity == null) {
            throw new IllegalArgumentException("intrinsic function '" + call.function()
                    + "' is not supported by the local executor");
        }
        if (call.args().size() < arity[0] || call.args().size() > arity[1]) {
            throw new IllegalArgumentException(call.function() + " takes " + (arity[0] == arity[1] ? arity[0]
                    : arity[0] + " or more") + " arguments, not " + call.args().size());
        }
        for (Expr arg : call.args()) {
            if (arg instanceof Call nested) {
                checkCall(nested);
            }
        }
        if (call.function().equals("States.Format") && !(call.args().get(0) instanceof Literal first
                && first.value().isTextual())) {
            throw new IllegalArgumentException("States.Format needs a string literal template first");
        }
        if (call.function().equals("States.JsonToString") && !(call.args().get(0) instanceof PathArg)) {
            throw new IllegalArgumentException("States.JsonToString needs a path argument");
        }
    }

    /** Evaluates the call against the state's input and context. */
    static JsonNode evaluate(String text, JsonNode input, JsonNode context, Supplier<UUID> uuids, String where) {
        return evaluate(parse(text), input, context, uuids, where);
    }

    private static JsonNode evaluate(Expr expr, JsonNode input, JsonNode context, Supplier<UUID> uuids, String where) {
        if (expr instanceof Literal literal) {
            return literal.value();
        }
        if (expr instanceof PathArg path) {
            return JsonPaths.require(input, context, path.path(), where);
        }
        Call call = (Call) expr;
        List<JsonNode> args = new ArrayList<>();
        for (Expr arg : call.args()) {
            args.add(evaluate(arg, input, context, uuids, where));
        }
        try {
            return apply(call, args, uuids);
        } catch (IllegalArgumentException e) {
            throw new StatesError(StatesError.INTRINSIC_FAILURE, where + ": " + call.function() + ": " + e.getMessage());
        }
    }

    private static JsonNode apply(Call call, List<JsonNode> args, Supplier<UUID> uuids) {
        switch (call.function()) {
            case "States.Format" -> {
                return JSON.textNode(format(((Literal) call.args().get(0)).raw(), args.subList(1, args.size())));
            }
            case "States.StringToJson" -> {
                try {
                    return MAPPER.readTree(text(args.get(0)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
                }
            }
            case "States.JsonToString" -> {
                return JSON.textNode(args.get(0).toString());
            }
            case "States.Array" -> {
                ArrayNode array = JSON.arrayNode();
                args.forEach(array::add);
                return array;
            }
            case "States.ArrayLength" -> {
                if (!args.get(0).isArray()) {
                    throw new IllegalArgumentException("the argument is not an array");
                }
                return JSON.numberNode(args.get(0).size());
            }
            case "States.MathAdd" -> {
                return number(BigDecimal.valueOf(integer(args.get(0)) + integer(args.get(1))));
            }
            case "States.UUID" -> {
                return JSON.textNode(uuids.get().toString());
            }
            case "States.Hash" -> {
                return JSON.textNode(hash(text(args.get(0)), text(args.get(1))));
            }
            default -> throw new IllegalArgumentException("not supported");
        }
    }

    private static String format(String raw, List<JsonNode> values) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                out.append(raw.charAt(++i));
            } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
                if (next >= values.size()) {
                    throw new IllegalArgumentException("more {} than arguments");
                }
                JsonNode value = values.get(next++);
                if (value.isContainerNode()) {
                    throw new IllegalArgumentException("cannot format an object or array into a string");
                }
                out.append(value.isTextual() ? value.asText() : value.toString());
                i++;
            } else if (c == '{' || c == '}') {
                throw new IllegalArgumentException("unescaped " + c + " in the template");
            } else {
                out.append(c);
            }
        }
        if (next != values.size()) {
            throw new IllegalArgumentException("more arguments than {}");
        }
        return out.toString();
    }

    private static String text(JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("expected a string, got " + value);
        }
        return value.asText();
    }

    /** A number as the JSON parser would read it: int or long when integral, otherwise decimal. */
    private static JsonNode number(BigDecimal value) {
        if (value.scale() > 0) {
            return JSON.numberNode(value);
        }
        try {
            long integral = value.longValueExact();
            return integral == (int) integral ? JSON.numberNode((int) integral) : JSON.numberNode(integral);
        } catch (ArithmeticException notIntegral) {
            return JSON.numberNode(value);
        }
    }

    /** MathAdd takes integers in the int range; a non-integer is rounded to the nearest integer, as on AWS. */
    private static long integer(JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException("expected a number, got " + value);
        }
        BigDecimal rounded = value.decimalValue().setScale(0, RoundingMode.HALF_UP);
        if (rounded.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                || rounded.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(value + " is outside the integer range");
        }
        return rounded.longValueExact();
    }

    private static String hash(String data, String algorithm) {
        if (!HASHES.contains(algorithm)) {
            throw new IllegalArgumentException("algorithm '" + algorithm + "' is not one of " + HASHES);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    // ---- parsing

    static Call parse(String text) {
        Parser parser = new Parser(text);
        Call call = parser.call();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw new IllegalArgumentException("unexpected '" + text.substring(parser.pos) + "' after the call in '" + text + "'");
        }
        return call;
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Call call() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (!name.startsWith("States.")) {
                throw error("an intrinsic function name");
            }
            skipSpaces();
            expect('(');
            List<Expr> args = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                pos++;
                return new Call(name, args);
            }
            while (true) {
                args.add(argument());
                skipSpaces();
                char c = peek();
                pos++;
                if (c == ')') {
                    return new Call(name, args);
                }
                if (c != ',') {
                    pos--;
                    throw error("',' or ')'");
                }
            }
        }

        private Expr argument() {
            skipSpaces();
            char c = peek();
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                int start = pos;
                int depth = 0;
                char quote = 0;
                while (pos < text.length()) {
                    char d = text.charAt(pos);
                    if (quote != 0) {
                        quote = d == quote ? 0 : quote;
                    } else if (d == '\'' || d == '"') {
                        quote = d;
                    } else if (d == '[') {
                        depth++;
                    } else if (d == ']') {
                        depth--;
                    } else if (depth == 0 && (d == ',' || d == ')' || Character.isWhitespace(d))) {
                        break;
                    }
                    pos++;
                }
                String path = text.substring(start, pos);
                if (!JsonPaths.isPath(path)) {
                    throw new IllegalArgumentException("'" + path + "' in '" + text + "' is not a path the local executor supports");
                }
                return new PathArg(path);
            }
            if (c == '-' || Character.isDigit(c)) {
                int start = pos;
                pos++;
                while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
                    pos++;
                }
                try {
                    return new Literal(number(new BigDecimal(text.substring(start, pos))), null);
                } catch (NumberFormatException e) {
                    throw error("a number");
                }
            }
            if (text.startsWith("States.", pos)) {
                return call();
            }
            throw error("a string, number, path or intrinsic function");
        }

        private Literal string() {
            pos++;
            int start = pos;
            StringBuilder value = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != '\'') {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < text.length()) {
                    char escaped = text.charAt(pos + 1);
                    if ("'{}\\".indexOf(escaped) < 0) {
                        throw error("one of \\' \\{ \\} \\\\");
                    }
                    value.append(escaped);
                    pos += 2;
                } else {
                    value.append(c);
                    pos++;
                }
            }
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unterminated string in '" + text + "'");
            }
            String raw = text.substring(start, pos);
            pos++;
            return new Literal(JSON.textNode(value.toString()), raw);
        }

        private char peek() {
            if (pos >= text.length()) {
                throw new IllegalArgumentException("'" + text + "' ends too early");
            }
            return text.charAt(pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "'");
            }
            pos++;
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("'" + text + "' is not a valid intrinsic function call: expected "
                    + expected + " at position " + pos);
        }
    }
}

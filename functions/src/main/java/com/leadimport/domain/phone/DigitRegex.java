package com.leadimport.domain.phone;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A regular expression over the digits 0-9, compiled to a deterministic automaton: the
 * subset of regex syntax libphonenumber's metadata patterns use (digits, {@code \d},
 * classes such as {@code [1-35-9]}, groups {@code (?:...)}, alternation, and the quantifiers
 * {@code ? * + {n} {n,m}}). Full match and prefix match have the meaning of Java's
 * {@code matches()} and {@code lookingAt()}: these patterns describe regular languages, so the
 * automaton accepts exactly what the regex engine does, in one table lookup per digit.
 * A pattern outside the subset is refused ({@link Unsupported}) and the caller keeps to
 * libphonenumber.
 */
final class DigitRegex {

    /** The pattern uses syntax outside the subset. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message);
        }
    }

    private final int[][] next;
    private final boolean[] accepting;

    private DigitRegex(int[][] next, boolean[] accepting) {
        this.next = next;
        this.accepting = accepting;
    }

    static DigitRegex compile(String pattern) throws Unsupported {
        Parser parser = new Parser(pattern);
        Node ast = parser.alternation();
        if (parser.position != pattern.length()) {
            throw new Unsupported("unexpected '" + pattern.charAt(parser.position) + "' in " + pattern);
        }
        Nfa nfa = new Nfa();
        int start = nfa.state();
        int end = nfa.build(ast, start);
        return nfa.determinise(start, end);
    }

    /** Java's {@code matches()}: the whole of {@code digits} is in the language. */
    boolean matches(CharSequence digits) {
        int state = walk(digits, digits.length());
        return state >= 0 && accepting[state];
    }

    /** Java's {@code lookingAt()}: some prefix of {@code digits} (possibly empty) is in the language. */
    boolean lookingAt(CharSequence digits) {
        int state = 0;
        if (accepting[state]) {
            return true;
        }
        for (int i = 0; i < digits.length(); i++) {
            state = next[state][digits.charAt(i) - '0'];
            if (state < 0) {
                return false;
            }
            if (accepting[state]) {
                return true;
            }
        }
        return false;
    }

    /** {@link #lookingAt(CharSequence)} over {@code digits[from..to)}, which hold only the characters 0-9. */
    boolean lookingAt(char[] digits, int from, int to) {
        int state = 0;
        if (accepting[state]) {
            return true;
        }
        for (int i = from; i < to; i++) {
            state = next[state][digits[i] - '0'];
            if (state < 0) {
                return false;
            }
            if (accepting[state]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether, in any digit string that begins with {@code prefix}, {@code prefix} is the one and
     * only leading part in the language (no shorter or longer one is): then {@code lookingAt}
     * consumes exactly {@code prefix}, whatever the order of the pattern's alternatives.
     */
    boolean onlyLeadingMatchIs(String prefix) {
        int state = 0;
        for (int i = 0; i < prefix.length(); i++) {
            if (accepting[state]) {
                return false;
            }
            state = next[state][prefix.charAt(i) - '0'];
            if (state < 0) {
                return false;
            }
        }
        if (!accepting[state]) {
            return false;
        }
        for (int target : next[state]) {
            if (target >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether some string of the language, the empty one included, begins with {@code digit}. */
    boolean hasMatchStartingWith(int digit) {
        return accepting[0] || next[0][digit] >= 0;
    }

    private int walk(CharSequence digits, int length) {
        int state = 0;
        for (int i = 0; i < length && state >= 0; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            state = next[state][c - '0'];
        }
        return state;
    }

    // ---- syntax tree ----

    private sealed interface Node permits Digits, Seq, Alt, Repeat {
    }

    /** One digit from a set (bit d set = digit d). */
    private record Digits(int mask) implements Node {
    }

    private record Seq(List<Node> items) implements Node {
    }

    private record Alt(List<Node> options) implements Node {
    }

    /** {@code max} -1 is unbounded. */
    private record Repeat(Node node, int min, int max) implements Node {
    }

    private static final class Parser {
        private final String p;
        private int position;

        Parser(String pattern) {
            this.p = pattern;
        }

        Node alternation() throws Unsupported {
            List<Node> options = new ArrayList<>();
            options.add(sequence());
            while (position < p.length() && p.charAt(position) == '|') {
                position++;
                options.add(sequence());
            }
            return options.size() == 1 ? options.get(0) : new Alt(options);
        }

        Node sequence() throws Unsupported {
            List<Node> items = new ArrayList<>();
            while (position < p.length() && p.charAt(position) != '|' && p.charAt(position) != ')') {
                items.add(quantified(atom()));
            }
            return new Seq(items);
        }

        Node atom() throws Unsupported {
            char c = p.charAt(position++);
            if (c >= '0' && c <= '9') {
                return new Digits(1 << (c - '0'));
            }
            if (c == '\\' && position < p.length() && p.charAt(position) == 'd') {
                position++;
                return new Digits(0x3FF);
            }
            if (c == '[') {
                return digitClass();
            }
            if (c == '(') {
                if (p.startsWith("?:", position)) {
                    position += 2;
                } else if (position < p.length() && p.charAt(position) == '?') {
                    throw new Unsupported("group construct in " + p);
                }
                Node inner = alternation();
                if (position >= p.length() || p.charAt(position) != ')') {
                    throw new Unsupported("unclosed group in " + p);
                }
                position++;
                return inner;
            }
            throw new Unsupported("'" + c + "' in " + p);
        }

        Node digitClass() throws Unsupported {
            int mask = 0;
            if (position < p.length() && p.charAt(position) == '^') {
                throw new Unsupported("negated class in " + p);
            }
            while (position < p.length() && p.charAt(position) != ']') {
                char from = p.charAt(position++);
                if (from == '\\' && position < p.length() && p.charAt(position) == 'd') {
                    position++;
                    mask |= 0x3FF;
                    continue;
                }
                if (from < '0' || from > '9') {
                    throw new Unsupported("'" + from + "' in a class in " + p);
                }
                char to = from;
                if (position + 1 < p.length() && p.charAt(position) == '-' && p.charAt(position + 1) != ']') {
                    to = p.charAt(position + 1);
                    position += 2;
                    if (to < from || to > '9') {
                        throw new Unsupported("range " + from + "-" + to + " in " + p);
                    }
                }
                for (char d = from; d <= to; d++) {
                    mask |= 1 << (d - '0');
                }
            }
            if (position >= p.length()) {
                throw new Unsupported("unclosed class in " + p);
            }
            position++;
            return new Digits(mask);
        }

        Node quantified(Node node) throws Unsupported {
            if (position >= p.length()) {
                return node;
            }
            char c = p.charAt(position);
            Node result = switch (c) {
                case '?' -> new Repeat(node, 0, 1);
                case '*' -> new Repeat(node, 0, -1);
                case '+' -> new Repeat(node, 1, -1);
                case '{' -> bounds(node);
                default -> null;
            };
            if (result == null) {
                return node;
            }
            if (c != '{') {
                position++;
            }
            if (position < p.length() && (p.charAt(position) == '?' || p.charAt(position) == '+')) {
                throw new Unsupported("lazy or possessive quantifier in " + p);
            }
            return result;
        }

        Node bounds(Node node) throws Unsupported {
            int close = p.indexOf('}', position);
            if (close < 0) {
                throw new Unsupported("unclosed quantifier in " + p);
            }
            String[] parts = p.substring(position + 1, close).split(",", -1);
            try {
                int min = Integer.parseInt(parts[0]);
                int max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
                position = close + 1;
                return new Repeat(node, min, max);
            } catch (NumberFormatException e) {
                throw new Unsupported("quantifier in " + p);
            }
        }
    }

    // ---- automata ----

    private static final class Nfa {
        private final List<int[]> digitEdges = new ArrayList<>(); // per state: {mask, target} or null
        private final List<List<Integer>> epsilon = new ArrayList<>();

        int state() {
            digitEdges.add(null);
            epsilon.add(new ArrayList<>());
            return digitEdges.size() - 1;
        }

        /** Adds {@code node} starting at {@code from}; returns the state it ends in. */
        int build(Node node, int from) {
            if (node instanceof Digits d) {
                int to = state();
                digitEdges.set(from, new int[] {d.mask(), to});
                return to;
            }
            if (node instanceof Seq s) {
                int at = from;
                for (Node item : s.items()) {
                    int step = state();
                    epsilon.get(at).add(step);
                    at = build(item, step);
                }
                return at;
            }
            if (node instanceof Alt a) {
                int end = state();
                for (Node option : a.options()) {
                    int start = state();
                    epsilon.get(from).add(start);
                    epsilon.get(build(option, start)).add(end);
                }
                return end;
            }
            Repeat r = (Repeat) node;
            int at = from;
            for (int i = 0; i < r.min(); i++) {
                int start = state();
                epsilon.get(at).add(start);
                at = build(r.node(), start);
            }
            int end = state();
            epsilon.get(at).add(end);
            if (r.max() < 0) {
                int start = state();
                epsilon.get(at).add(start);
                int loopEnd = build(r.node(), start);
                epsilon.get(loopEnd).add(start);
                epsilon.get(loopEnd).add(end);
            } else {
                for (int i = r.min(); i < r.max(); i++) {
                    int start = state();
                    epsilon.get(at).add(start);
                    at = build(r.node(), start);
                    epsilon.get(at).add(end);
                }
            }
            return end;
        }

        DigitRegex determinise(int start, int accept) {
            Map<BitSet, Integer> ids = new HashMap<>();
            List<BitSet> sets = new ArrayList<>();
            List<int[]> table = new ArrayList<>();
            BitSet initial = closure(single(start));
            ids.put(initial, 0);
            sets.add(initial);
            for (int i = 0; i < sets.size(); i++) {
                int[] row = new int[10];
                Arrays.fill(row, -1);
                for (int digit = 0; digit < 10; digit++) {
                    BitSet moved = new BitSet();
                    BitSet from = sets.get(i);
                    for (int s = from.nextSetBit(0); s >= 0; s = from.nextSetBit(s + 1)) {
                        int[] edge = digitEdges.get(s);
                        if (edge != null && (edge[0] & (1 << digit)) != 0) {
                            moved.set(edge[1]);
                        }
                    }
                    if (moved.isEmpty()) {
                        continue;
                    }
                    BitSet target = closure(moved);
                    Integer id = ids.get(target);
                    if (id == null) {
                        id = sets.size();
                        ids.put(target, id);
                        sets.add(target);
                    }
                    row[digit] = id;
                }
                table.add(row);
            }
            boolean[] accepting = new boolean[sets.size()];
            for (int i = 0; i < sets.size(); i++) {
                accepting[i] = sets.get(i).get(accept);
            }
            return new DigitRegex(table.toArray(new int[0][]), accepting);
        }

        private static BitSet single(int state) {
            BitSet set = new BitSet();
            set.set(state);
            return set;
        }

        private BitSet closure(BitSet states) {
            BitSet result = (BitSet) states.clone();
            ArrayList<Integer> stack = new ArrayList<>();
            states.stream().forEach(stack::add);
            while (!stack.isEmpty()) {
                int s = stack.remove(stack.size() - 1);
                for (int t : epsilon.get(s)) {
                    if (!result.get(t)) {
                        result.set(t);
                        stack.add(t);
                    }
                }
            }
            return result;
        }
    }
}

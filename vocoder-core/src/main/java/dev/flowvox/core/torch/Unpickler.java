// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.torch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A pickle virtual machine (protocols 0–5, the opcodes {@code torch.save} and NumPy use) that builds
 * plain Java values and never runs code: instances of Python classes become {@link PyObject}s that
 * record their type and state. Values: {@code None} → null, bool → Boolean, int → Long (or BigInteger beyond 64
 * bits), float → Double, str → String, bytes → byte[], tuple → unmodifiable List, list → ArrayList,
 * dict → LinkedHashMap, set → LinkedHashSet.
 *
 * <p>Two hooks let a caller give some globals a meaning: {@code persistentLoad} resolves persistent
 * ids (PyTorch's storages), {@code reduce} builds the result of calling a global with its arguments
 * (PyTorch's tensor rebuild functions) or returns null to record a {@link PyObject}. {@code
 * collections.OrderedDict} is always a LinkedHashMap.
 */
final class Unpickler {

    /** A Python global (a class or function) named by module and attribute. */
    record PyGlobal(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /**
     * An instance of a Python class, or the result of calling a function nobody gave a meaning: its
     * type and its {@code BUILD} state.
     */
    static final class PyObject {
        private final PyGlobal type;
        private Object state;
        private final Map<Object, Object> items = new LinkedHashMap<>();

        PyObject(PyGlobal type) {
            this.type = type;
        }

        /** @return the state set by {@code BUILD} ({@code __setstate__} or {@code __dict__}), or null */
        Object state() {
            return state;
        }

        /** @return items set on it as on a dict (a dict subclass's contents) */
        Map<Object, Object> items() {
            return items;
        }

        @Override
        public String toString() {
            return type + "(...)";
        }
    }

    private static final Object MARK = new Object();
    /** Stand-in for null on the stack (ArrayDeque refuses nulls). */
    private static final Object NONE = new Object();

    private final InputStream in;
    private final Function<Object, Object> persistentLoad;
    private final BiFunction<PyGlobal, List<Object>, Object> reduce;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    /**
     * @param in the pickle's bytes; reading stops after its STOP opcode
     * @param persistentLoad resolves a persistent id
     * @param reduce result of calling a global with arguments, or null for a {@link PyObject}
     */
    Unpickler(InputStream in, Function<Object, Object> persistentLoad, BiFunction<PyGlobal, List<Object>, Object> reduce) {
        this.in = in;
        this.persistentLoad = persistentLoad;
        this.reduce = reduce;
    }

    /**
     * Runs the pickle to its STOP opcode.
     *
     * @return the pickled value
     * @throws IOException if the bytes end early or hold an opcode this machine does not know
     */
    Object load() throws IOException {
        while (true) {
            int op = readByte();
            switch (op) {
                case 0x80 -> readByte(); // PROTO
                case 0x95 -> readLong(8); // FRAME: a length hint
                case '.' -> {
                    return pop();
                }
                case '(' -> stack.push(MARK);
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> stack.push(top());
                case 'N' -> stack.push(NONE);
                case 0x88 -> stack.push(Boolean.TRUE);
                case 0x89 -> stack.push(Boolean.FALSE);
                case 'J' -> stack.push((long) (int) readLong(4));
                case 'K' -> stack.push(readLong(1));
                case 'M' -> stack.push(readLong(2));
                case 0x8a -> stack.push(readTwosComplement((int) readLong(1)));
                case 0x8b -> stack.push(readTwosComplement(readLength(4)));
                case 'I' -> stack.push(textInt(readLine()));
                case 'L' -> stack.push(textInt(readLine().replaceAll("L$", "")));
                case 'G' -> stack.push(Double.longBitsToDouble(Long.reverseBytes(readLong(8))));
                case 'F' -> stack.push(Double.parseDouble(readLine()));
                case 'X' -> stack.push(new String(readBytes(readLength(4)), StandardCharsets.UTF_8));
                case 0x8c -> stack.push(new String(readBytes((int) readLong(1)), StandardCharsets.UTF_8));
                case 0x8d -> stack.push(new String(readBytes(readLength(8)), StandardCharsets.UTF_8));
                case 'T' -> stack.push(new String(readBytes(readLength(4)), StandardCharsets.ISO_8859_1));
                case 'U' -> stack.push(new String(readBytes((int) readLong(1)), StandardCharsets.ISO_8859_1));
                case 'B' -> stack.push(readBytes(readLength(4)));
                case 'C' -> stack.push(readBytes((int) readLong(1)));
                case 0x8e -> stack.push(readBytes(readLength(8)));
                case ')' -> stack.push(List.of());
                case 't' -> stack.push(tuple(popMark()));
                case 0x85 -> stack.push(tuple(List.of(pop())));
                case 0x86 -> {
                    Object second = pop();
                    stack.push(tuple(List.of(pop(), second)));
                }
                case 0x87 -> {
                    Object third = pop();
                    Object second = pop();
                    stack.push(tuple(List.of(pop(), second, third)));
                }
                case ']' -> stack.push(new ArrayList<>());
                case 'l' -> stack.push(new ArrayList<>(popMark()));
                case 'a' -> {
                    Object item = pop();
                    append(top(), Arrays.asList(item));
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    append(top(), items);
                }
                case '}' -> stack.push(new LinkedHashMap<>());
                case 'd' -> {
                    Map<Object, Object> dict = new LinkedHashMap<>();
                    putAll(dict, popMark());
                    stack.push(dict);
                }
                case 's' -> {
                    Object value = pop();
                    Object key = pop();
                    putAll(top(), Arrays.asList(key, value));
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    putAll(top(), items);
                }
                case 0x8f -> stack.push(new LinkedHashSet<>());
                case 0x90 -> {
                    List<Object> items = popMark();
                    append(top(), items);
                }
                case 0x91 -> stack.push(new LinkedHashSet<>(popMark()));
                case 'c' -> stack.push(new PyGlobal(readLine(), readLine()));
                case 0x93 -> {
                    String name = (String) pop();
                    stack.push(new PyGlobal((String) pop(), name));
                }
                case 'R' -> {
                    List<Object> args = asList(pop());
                    stack.push(call(pop(), args));
                }
                case 0x81 -> {
                    List<Object> args = asList(pop());
                    stack.push(call(pop(), args));
                }
                case 0x92 -> {
                    pop();
                    List<Object> args = asList(pop());
                    stack.push(call(pop(), args));
                }
                case 'b' -> {
                    Object state = pop();
                    build(top(), state);
                }
                case 'Q' -> stack.push(orNone(persistentLoad.apply(pop())));
                case 'P' -> stack.push(orNone(persistentLoad.apply(readLine())));
                case 'q' -> memo.put(readLong(1), top());
                case 'r' -> memo.put(readLong(4), top());
                case 'p' -> memo.put(Long.parseLong(readLine()), top());
                case 0x94 -> memo.put((long) memo.size(), top());
                case 'h' -> stack.push(memoized(readLong(1)));
                case 'j' -> stack.push(memoized(readLong(4)));
                case 'g' -> stack.push(memoized(Long.parseLong(readLine())));
                default -> throw new IOException(String.format("pickle opcode 0x%02X is not supported", op));
            }
        }
    }

    /** The value on top of the stack, left there (null stays as its stand-in). */
    private Object top() throws IOException {
        Object value = stack.peek();
        if (value == null || value == MARK) {
            throw new IOException("malformed pickle: the stack is empty where a value was expected");
        }
        return value;
    }

    private Object pop() throws IOException {
        Object value = stack.poll();
        if (value == null || value == MARK) {
            throw new IOException("malformed pickle: the stack is empty where a value was expected");
        }
        return value == NONE ? null : value;
    }

    private List<Object> popMark() throws IOException {
        List<Object> items = new ArrayList<>();
        while (true) {
            Object value = stack.poll();
            if (value == null) {
                throw new IOException("malformed pickle: no MARK on the stack");
            }
            if (value == MARK) {
                break;
            }
            items.add(value == NONE ? null : value);
        }
        Collections.reverse(items);
        return items;
    }

    private static Object orNone(Object value) {
        return value == null ? NONE : value;
    }

    private Object memoized(long index) throws IOException {
        if (!memo.containsKey(index)) {
            throw new IOException("malformed pickle: memo entry " + index + " was never stored");
        }
        return memo.get(index);
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object args) throws IOException {
        if (args instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IOException("malformed pickle: call arguments are " + args + ", not a tuple");
    }

    private Object call(Object callable, List<Object> args) throws IOException {
        if (!(callable instanceof PyGlobal global)) {
            throw new IOException("malformed pickle: cannot call " + callable);
        }
        if (global.module().equals("collections") && global.name().equals("OrderedDict")) {
            return new LinkedHashMap<>();
        }
        Object built = reduce.apply(global, args);
        return orNone(built == null ? new PyObject(global) : built);
    }

    @SuppressWarnings("unchecked")
    private static void append(Object target, List<Object> items) throws IOException {
        if (target instanceof Collection<?> collection) {
            ((Collection<Object>) collection).addAll(items);
        } else if (!(target instanceof PyObject)) {
            throw new IOException("malformed pickle: cannot append to " + target);
        }
    }

    @SuppressWarnings("unchecked")
    private static void putAll(Object target, List<Object> keysAndValues) throws IOException {
        Map<Object, Object> map;
        if (target instanceof Map<?, ?> dict) {
            map = (Map<Object, Object>) dict;
        } else if (target instanceof PyObject object) {
            map = object.items();
        } else {
            throw new IOException("malformed pickle: cannot set items on " + target);
        }
        for (int i = 0; i + 1 < keysAndValues.size(); i += 2) {
            map.put(keysAndValues.get(i), keysAndValues.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private static void build(Object target, Object state) {
        if (target instanceof PyObject object) {
            object.state = state;
        } else if (target instanceof Map<?, ?> map && state instanceof Map<?, ?> entries) {
            ((Map<Object, Object>) map).putAll(entries);
        }
    }

    private static Object textInt(String text) {
        return switch (text) {
            case "00" -> Boolean.FALSE;
            case "01" -> Boolean.TRUE;
            default -> narrow(new BigInteger(text));
        };
    }

    private Object readTwosComplement(int length) throws IOException {
        byte[] little = readBytes(length);
        if (length == 0) {
            return 0L;
        }
        byte[] big = new byte[length];
        for (int i = 0; i < length; i++) {
            big[i] = little[length - 1 - i];
        }
        return narrow(new BigInteger(big));
    }

    private static Object narrow(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the pickle ends before its STOP opcode");
        }
        return b;
    }

    private long readLong(int bytes) throws IOException {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= (long) readByte() << (8 * i);
        }
        return value;
    }

    private int readLength(int bytes) throws IOException {
        long length = readLong(bytes);
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IOException("pickle item of " + length + " bytes is too large");
        }
        return (int) length;
    }

    private byte[] readBytes(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("the pickle ends inside an item of " + length + " bytes");
        }
        return bytes;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = readByte(); b != '\n'; b = readByte()) {
            line.append((char) b);
        }
        return line.toString();
    }
}

package com.leadimport.workflow;

import com.leadimport.ports.FileStore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The working files' binary form: big-endian ints and longs, bytes, numbers (row numbers) in as
 * few bytes as they need, seven bits a byte, and strings as such a length and UTF-8. Counts,
 * lengths and symbols are numbers too, offset by two so that null ({@code -1}) and a new symbol
 * ({@code -2}) fit: most take one byte, where an int took four (a chunk's files are about a third
 * smaller, and every byte is moved to S3 and back). Written and read in place in parts of
 * {@link FileStore#PART_BYTES} (see {@link FileStore#readParts}), without per-byte calls, one
 * array as large as the file, or a copy of every string's bytes.
 */
final class BinaryFile {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int NULL = -1;
    /** Before a symbol's first use: its text follows, and later uses give its number. */
    private static final int NEW_SYMBOL = -2;

    private BinaryFile() {
    }

    /** Appends to parts of {@link FileStore#PART_BYTES}. */
    static final class Writer {
        private final int partBytes;
        private final List<byte[]> full = new ArrayList<>();
        private final java.util.Map<String, Integer> symbols = new java.util.HashMap<>();
        private byte[] part;
        private int size;

        /** @param expectedSize what the file will probably take (its first part is no larger) */
        Writer(int expectedSize) {
            this(expectedSize, FileStore.PART_BYTES);
        }

        /** With parts of the given size (tests use small ones to cross part boundaries everywhere). */
        Writer(int expectedSize, int partBytes) {
            this.partBytes = partBytes;
            this.part = new byte[Math.min(partBytes, Math.max(16, expectedSize))];
        }

        /** Room for {@code more} bytes in this part, if a part can hold them: false means byte by byte. */
        private boolean room(int more) {
            if (size + more <= part.length) {
                return true;
            }
            if (part.length < partBytes) {
                // the first part grows to a full part before any is added
                part = Arrays.copyOf(part, Math.min(partBytes, Math.max(size + more, part.length * 2)));
                return size + more <= part.length;
            }
            return false;
        }

        /** A full part (that cannot grow) is closed and a new one begun. */
        private void nextPartIfFull() {
            if (size == part.length && !room(1)) {
                full.add(part);
                part = new byte[partBytes];
                size = 0;
            }
        }

        private void put(byte value) {
            nextPartIfFull();
            part[size++] = value;
        }

        private void put(byte[] bytes, int offset, int length) {
            while (length > 0) {
                nextPartIfFull();
                room(Math.min(length, partBytes - size));
                int n = Math.min(length, part.length - size);
                System.arraycopy(bytes, offset, part, size, n);
                size += n;
                offset += n;
                length -= n;
            }
        }

        Writer writeByte(int value) {
            put((byte) value);
            return this;
        }

        Writer writeInt(int value) {
            if (room(4)) {
                INT.set(part, size, value);
                size += 4;
                return this;
            }
            return putAcross(value, 4);
        }

        Writer writeLong(long value) {
            if (room(8)) {
                LONG.set(part, size, value);
                size += 8;
                return this;
            }
            return putAcross(value, 8);
        }

        /** The low {@code bytes} bytes of the value, most significant first, byte by byte across parts. */
        private Writer putAcross(long value, int bytes) {
            for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
                put((byte) (value >>> shift));
            }
            return this;
        }

        /** A number of zero or more, in as few bytes as it needs: seven bits a byte, low bits first, the high bit on all but the last. */
        Writer writeNumber(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("a number of the binary form is not negative: " + value);
            }
            if (room(numberBytes(value))) {
                size = putNumber(part, size, value);
                return this;
            }
            byte[] bytes = new byte[10];
            put(bytes, 0, putNumber(bytes, 0, value));
            return this;
        }

        /** A count, a length or a symbol's number, or {@code NULL} or {@code NEW_SYMBOL}: a number, offset by two. */
        Writer writeCount(int value) {
            return writeNumber((long) value - NEW_SYMBOL);
        }

        /** @return where the number written at {@code at} ends */
        private static int putNumber(byte[] into, int at, long value) {
            for (; value >= 0x80; value >>>= 7) {
                into[at++] = (byte) (value | 0x80);
            }
            into[at++] = (byte) value;
            return at;
        }

        private static int numberBytes(long value) {
            return value == 0 ? 1 : (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
        }

        Writer writeString(String value) {
            if (value == null) {
                return writeCount(NULL);
            }
            int length = value.length();
            // ASCII straight into the part, its length written before it once known to be ASCII
            int lengthBytes = numberBytes((long) length - NEW_SYMBOL);
            if (room(lengthBytes + length)) {
                int start = size + lengthBytes;
                int i = 0;
                while (i < length) {
                    char c = value.charAt(i);
                    if (c >= 0x80) {
                        break;
                    }
                    part[start + i++] = (byte) c;
                }
                if (i == length) {
                    putNumber(part, size, (long) length - NEW_SYMBOL);
                    size = start + length;
                    return this;
                }
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeCount(utf8.length);
            put(utf8, 0, utf8.length);
            return this;
        }

        /**
         * A string from a small set that recurs (a field's name, a time zone): its text the first
         * time, then only its number.
         */
        Writer writeSymbol(String value) {
            if (value == null) {
                return writeCount(NULL);
            }
            Integer number = symbols.get(value);
            if (number != null) {
                return writeCount(number);
            }
            symbols.put(value, symbols.size());
            return writeCount(NEW_SYMBOL).writeString(value);
        }

        /** A count, then each string; null for a null list. */
        Writer writeStrings(Collection<String> values) {
            if (values == null) {
                return writeCount(NULL);
            }
            writeCount(values.size());
            values.forEach(this::writeString);
            return this;
        }

        /** The bytes as they are (no length before them). */
        Writer writeBytes(byte[] bytes) {
            put(bytes, 0, bytes.length);
            return this;
        }

        /** What is written to the stream is appended here (a text file in parts, say). */
        java.io.OutputStream asStream() {
            return new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    put((byte) b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    put(bytes, offset, length);
                }
            };
        }

        /** The file's parts (the last trimmed to what it holds). */
        List<byte[]> parts() {
            List<byte[]> parts = new ArrayList<>(full);
            parts.add(size == part.length ? part : Arrays.copyOf(part, size));
            return parts;
        }

        /** The file as one array: for files known to be small. */
        byte[] toByteArray() {
            if (full.isEmpty()) {
                return size == part.length ? part : Arrays.copyOf(part, size);
            }
            byte[] all = new byte[full.size() * partBytes + size];
            for (int i = 0; i < full.size(); i++) {
                System.arraycopy(full.get(i), 0, all, i * partBytes, partBytes);
            }
            System.arraycopy(part, 0, all, full.size() * partBytes, size);
            return all;
        }
    }

    /** Reads what a {@link Writer} wrote, from its parts; a file that ends early is refused, naming what it is. */
    static final class Reader {
        private final List<byte[]> parts;
        private final String what;
        private final long length;
        private final List<String> symbols = new ArrayList<>();
        private int index;
        private byte[] part;
        private int position;
        private long before;

        /** @param what the file, for the message when it ends early */
        Reader(byte[] file, String what) {
            this(List.of(file), what);
        }

        Reader(List<byte[]> parts, String what) {
            this.parts = parts;
            this.what = what;
            this.length = parts.stream().mapToLong(p -> p.length).sum();
            this.part = parts.isEmpty() ? new byte[0] : parts.get(0);
        }

        /** Reads the file's format version and refuses any other. */
        Reader expectVersion(int expected) {
            int version = readInt();
            if (version != expected) {
                throw new IllegalStateException(what + " has format version " + version + ", not " + expected);
            }
            return this;
        }

        boolean hasMore() {
            while (position == part.length && index + 1 < parts.size()) {
                nextPart();
            }
            return position < part.length;
        }

        private void nextPart() {
            before += part.length;
            part = parts.get(++index);
            position = 0;
        }

        /**
         * Whether {@code bytes} bytes are in this part from the position (else they are read across
         * parts); a length past the file's end (a damaged file) is refused before anything is made of it.
         */
        private boolean here(int bytes) {
            if (bytes < 0 || bytes > length - (before + position)) {
                throw endsEarly();
            }
            return bytes <= part.length - position;
        }

        private byte next() {
            while (position == part.length) {
                if (index + 1 >= parts.size()) {
                    throw endsEarly();
                }
                nextPart();
            }
            return part[position++];
        }

        private IllegalStateException endsEarly() {
            return new IllegalStateException(what + " ends early at byte " + (before + position));
        }

        int readUnsignedByte() {
            return next() & 0xFF;
        }

        int readInt() {
            if (here(4)) {
                int value = (int) INT.get(part, position);
                position += 4;
                return value;
            }
            return (int) readAcross(4);
        }

        long readLong() {
            if (here(8)) {
                long value = (long) LONG.get(part, position);
                position += 8;
                return value;
            }
            return readAcross(8);
        }

        private long readAcross(int bytes) {
            long value = 0;
            for (int i = 0; i < bytes; i++) {
                value = value << 8 | (next() & 0xFF);
            }
            return value;
        }

        /** What {@link Writer#writeNumber} wrote. */
        long readNumber() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = position < part.length ? part[position++] : next();
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalStateException(what + " is damaged: a number of over ten bytes before byte " + (before + position));
        }

        /** What {@link Writer#writeCount} wrote: a count, a length, a symbol's number, or NULL or NEW_SYMBOL. */
        private int readOffsetNumber() {
            long value = readNumber() + NEW_SYMBOL;
            if (value > Integer.MAX_VALUE) {
                throw damagedCount(value);
            }
            return (int) value;
        }

        /** A count of what follows, zero or more: anything else is a damaged file. */
        int readCount() {
            int count = readOffsetNumber();
            if (count < 0) {
                throw damagedCount(count);
            }
            return count;
        }

        private IllegalStateException damagedCount(long count) {
            return new IllegalStateException(what + " is damaged: a count of " + count + " before byte " + (before + position));
        }

        String readString() {
            int length = readOffsetNumber();
            if (length == NULL) {
                return null;
            }
            if (here(length)) {
                String value = new String(part, position, length, StandardCharsets.UTF_8);
                position += length;
                return value;
            }
            byte[] utf8 = new byte[length];
            for (int i = 0; i < length; i++) {
                utf8[i] = next();
            }
            return new String(utf8, StandardCharsets.UTF_8);
        }

        /** A count of what follows ({@code -1}: a null list); any other negative count is a damaged file. */
        private int count() {
            int count = readOffsetNumber();
            if (count < NULL) {
                throw damagedCount(count);
            }
            return count;
        }

        /** What {@link Writer#writeSymbol} wrote (read even when what it belongs to is passed over: later uses refer to it). */
        String readSymbol() {
            int number = readOffsetNumber();
            if (number == NULL) {
                return null;
            }
            if (number == NEW_SYMBOL) {
                String value = readString();
                symbols.add(value);
                return value;
            }
            if (number < 0 || number >= symbols.size()) {
                throw new IllegalStateException(what + " is damaged: symbol " + number + " of " + symbols.size()
                        + " before byte " + (before + position));
            }
            return symbols.get(number);
        }

        /** @return the strings, or null for a null list */
        List<String> readStrings() {
            int count = count();
            if (count == NULL) {
                return null;
            }
            String[] values = new String[count];
            for (int i = 0; i < count; i++) {
                values[i] = readString();
            }
            return Collections.unmodifiableList(Arrays.asList(values));
        }

        long[] readLongs(int count) {
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                values[i] = readLong();
            }
            return values;
        }

        <T> List<T> readList(Function<Reader, T> element) {
            int count = readCount();
            List<T> values = new ArrayList<>(Math.min(count, 1 << 16));
            for (int i = 0; i < count; i++) {
                values.add(element.apply(this));
            }
            return values;
        }
    }
}

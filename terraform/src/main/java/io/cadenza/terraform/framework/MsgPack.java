package io.cadenza.terraform.framework;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Terraform's msgpack encoding of values ({@code DynamicValue.msgpack}; docs/plugin-protocol/object-wire-format.md),
 * driven by the schema's type: objects are maps with every attribute present, lists and sets are arrays, maps are
 * maps, null is nil, an unknown value is an extension (we write code 0 and read any code as unknown), and numbers
 * are integers, float64 or, when neither is exact, their decimal string.
 *
 * <p>Java forms: null, {@link Unknown#VALUE}, String, Boolean, Long or BigDecimal (numbers), List (list),
 * LinkedHashSet (set), LinkedHashMap (map and object).
 */
public final class MsgPack {
    private MsgPack() {
    }

    public static byte[] encode(CtyType type, Object value) {
        Writer w = new Writer();
        w.write(type, value);
        return w.out.toByteArray();
    }

    public static Object decode(CtyType type, byte[] bytes) {
        Reader r = new Reader(bytes);
        Object v = r.read(type);
        if (r.pos != bytes.length) {
            throw new IllegalArgumentException("msgpack value has " + (bytes.length - r.pos) + " trailing bytes");
        }
        return v;
    }

    /** Numbers normalised so that equal numbers are equal Java objects: Long when integral and in range. */
    public static Object number(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() <= 0 && s.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                && s.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
            return s.longValueExact();
        }
        return s;
    }

    private static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void write(CtyType type, Object value) {
            if (value == null) {
                out.write(0xc0);
                return;
            }
            if (Unknown.is(value)) {
                out.write(0xd4); // fixext 1
                out.write(0);
                out.write(0);
                return;
            }
            if (type instanceof CtyType.Primitive p) {
                switch (p.name()) {
                    case "string" -> writeString((String) value);
                    case "bool" -> out.write(((Boolean) value) ? 0xc3 : 0xc2);
                    case "number" -> writeNumber(value);
                    default -> throw new IllegalArgumentException("unsupported type " + p.name());
                }
            } else if (type instanceof CtyType.Collection c) {
                if (c.isMap()) {
                    Map<?, ?> m = (Map<?, ?>) value;
                    header(m.size(), 0x80, 0xde, 0xdf);
                    for (var e : m.entrySet()) {
                        writeString((String) e.getKey());
                        write(c.element(), e.getValue());
                    }
                } else {
                    java.util.Collection<?> items = (java.util.Collection<?>) value;
                    header(items.size(), 0x90, 0xdc, 0xdd);
                    for (Object item : items) {
                        write(c.element(), item);
                    }
                }
            } else if (type instanceof CtyType.ObjectType o) {
                Map<?, ?> m = (Map<?, ?>) value;
                header(o.attributes().size(), 0x80, 0xde, 0xdf);
                for (var e : o.attributes().entrySet()) {
                    writeString(e.getKey());
                    write(e.getValue(), m.get(e.getKey()));
                }
            }
        }

        private void writeNumber(Object value) {
            BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
            Object n = number(d);
            if (n instanceof Long l) {
                out.write(0xd3);
                writeLong(l, 8);
                return;
            }
            double f = d.doubleValue();
            if (!Double.isInfinite(f) && new BigDecimal(f).compareTo(d) == 0) {
                out.write(0xcb);
                writeLong(Double.doubleToLongBits(f), 8);
            } else {
                writeString(d.toPlainString());
            }
        }

        private void writeString(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length < 32) {
                out.write(0xa0 | b.length);
            } else if (b.length < 256) {
                out.write(0xd9);
                out.write(b.length);
            } else if (b.length < 65536) {
                out.write(0xda);
                writeLong(b.length, 2);
            } else {
                out.write(0xdb);
                writeLong(b.length, 4);
            }
            out.writeBytes(b);
        }

        private void header(int size, int fix, int sixteen, int thirtyTwo) {
            if (size < 16) {
                out.write(fix | size);
            } else if (size < 65536) {
                out.write(sixteen);
                writeLong(size, 2);
            } else {
                out.write(thirtyTwo);
                writeLong(size, 4);
            }
        }

        private void writeLong(long v, int bytes) {
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((int) (v >>> (8 * i)) & 0xff);
            }
        }
    }

    private static final class Reader {
        final byte[] b;
        int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        Object read(CtyType type) {
            int tag = u8();
            if (tag == 0xc0) {
                return null;
            }
            if (skipExtension(tag)) {
                return Unknown.VALUE;
            }
            if (type instanceof CtyType.Primitive p) {
                return switch (p.name()) {
                    case "string" -> readString(tag);
                    case "bool" -> switch (tag) {
                        case 0xc2 -> Boolean.FALSE;
                        case 0xc3 -> Boolean.TRUE;
                        default -> throw bad(tag, "bool");
                    };
                    case "number" -> readNumber(tag);
                    default -> throw new IllegalArgumentException("unsupported type " + p.name());
                };
            }
            if (type instanceof CtyType.Collection c) {
                if (c.isMap()) {
                    int n = mapSize(tag);
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        String key = readString(u8());
                        m.put(key, read(c.element()));
                    }
                    return m;
                }
                int n = arraySize(tag);
                java.util.Collection<Object> items = c.isSet() ? new LinkedHashSet<>() : new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read(c.element()));
                }
                return items;
            }
            CtyType.ObjectType o = (CtyType.ObjectType) type;
            int n = mapSize(tag);
            Map<String, Object> m = new LinkedHashMap<>();
            for (String name : o.attributes().keySet()) {
                m.put(name, null);
            }
            for (int i = 0; i < n; i++) {
                String key = readString(u8());
                CtyType attributeType = o.attributes().get(key);
                if (attributeType == null) {
                    skip();
                } else {
                    m.put(key, read(attributeType));
                }
            }
            return m;
        }

        /** Consumes an extension value (any code: unknown, possibly refined) and says whether it was one. */
        private boolean skipExtension(int tag) {
            int len;
            switch (tag) {
                case 0xd4 -> len = 1;
                case 0xd5 -> len = 2;
                case 0xd6 -> len = 4;
                case 0xd7 -> len = 8;
                case 0xd8 -> len = 16;
                case 0xc7 -> len = u8();
                case 0xc8 -> len = (int) uint(2);
                case 0xc9 -> len = (int) uint(4);
                default -> {
                    return false;
                }
            }
            pos += 1 + len; // type code + payload
            return true;
        }

        private Object readNumber(int tag) {
            if (tag <= 0x7f) {
                return (long) tag;
            }
            if (tag >= 0xe0) {
                return (long) (byte) tag;
            }
            return switch (tag) {
                case 0xcc -> uint(1);
                case 0xcd -> uint(2);
                case 0xce -> uint(4);
                case 0xcf -> number(new BigDecimal(new BigInteger(Long.toUnsignedString(uint(8)))));
                case 0xd0 -> (long) (byte) uint(1);
                case 0xd1 -> (long) (short) uint(2);
                case 0xd2 -> (long) (int) uint(4);
                case 0xd3 -> uint(8);
                case 0xca -> number(new BigDecimal(Float.intBitsToFloat((int) uint(4))));
                case 0xcb -> number(new BigDecimal(Double.longBitsToDouble(uint(8))));
                default -> number(new BigDecimal(readString(tag)));
            };
        }

        private String readString(int tag) {
            int len;
            if ((tag & 0xe0) == 0xa0) {
                len = tag & 0x1f;
            } else {
                len = switch (tag) {
                    case 0xd9, 0xc4 -> u8();
                    case 0xda, 0xc5 -> (int) uint(2);
                    case 0xdb, 0xc6 -> (int) uint(4);
                    default -> throw bad(tag, "string");
                };
            }
            String s = new String(b, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        private int arraySize(int tag) {
            if ((tag & 0xf0) == 0x90) {
                return tag & 0x0f;
            }
            return switch (tag) {
                case 0xdc -> (int) uint(2);
                case 0xdd -> (int) uint(4);
                default -> throw bad(tag, "array");
            };
        }

        private int mapSize(int tag) {
            if ((tag & 0xf0) == 0x80) {
                return tag & 0x0f;
            }
            return switch (tag) {
                case 0xde -> (int) uint(2);
                case 0xdf -> (int) uint(4);
                default -> throw bad(tag, "map");
            };
        }

        /** Skips one value of any shape (an attribute this schema version does not know). */
        private void skip() {
            int tag = u8();
            if (tag <= 0x7f || tag >= 0xe0 || tag == 0xc0 || tag == 0xc2 || tag == 0xc3 || skipExtension(tag)) {
                return;
            }
            if ((tag & 0xe0) == 0xa0 || tag == 0xd9 || tag == 0xda || tag == 0xdb || tag == 0xc4 || tag == 0xc5
                    || tag == 0xc6) {
                readString(tag);
            } else if ((tag & 0xf0) == 0x90 || tag == 0xdc || tag == 0xdd) {
                int n = arraySize(tag);
                for (int i = 0; i < n; i++) {
                    skip();
                }
            } else if ((tag & 0xf0) == 0x80 || tag == 0xde || tag == 0xdf) {
                int n = mapSize(tag);
                for (int i = 0; i < 2 * n; i++) {
                    skip();
                }
            } else {
                readNumber(tag);
            }
        }

        private int u8() {
            if (pos >= b.length) {
                throw new IllegalArgumentException("msgpack value ends early");
            }
            return b[pos++] & 0xff;
        }

        private long uint(int bytes) {
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v = (v << 8) | u8();
            }
            return v;
        }

        private static IllegalArgumentException bad(int tag, String expected) {
            return new IllegalArgumentException("msgpack tag 0x" + Integer.toHexString(tag) + " where a " + expected
                    + " was expected");
        }
    }

    /** A set of the given items, in order (for building values by hand). */
    public static Set<Object> setOf(List<?> items) {
        return new LinkedHashSet<>(items);
    }
}

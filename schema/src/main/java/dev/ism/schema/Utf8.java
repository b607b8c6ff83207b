package dev.ism.schema;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** UTF-8 sizes of strings, without encoding them. */
public final class Utf8 {

    /** Eight bytes of an array read as one {@code long}, at any offset. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {
    }

    /** The number of bytes {@code s} takes in UTF-8 (an unpaired surrogate counts 3, as its replacement). */
    public static long length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** {@code s} with every unpaired surrogate (from an escaped lone surrogate) replaced by U+FFFD, as Go decodes it. */
    public static String withoutLoneSurrogates(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !Character.isSurrogate(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /**
     * {@code bytes} with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD
     * (one per byte, as Go's {@code utf8.DecodeRune} steps): overlong forms, surrogates, code points
     * over U+10FFFF and truncated sequences included. The same array when it is all well-formed.
     */
    public static byte[] repaired(byte[] bytes) {
        return repaired(bytes, true);
    }

    /** {@link #repaired}; {@code byWords}: ASCII eight bytes at a time (false: byte by byte, Utf8Test's reference). */
    static byte[] repaired(byte[] bytes, boolean byWords) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            // eight ASCII bytes at a time (a request body is mostly ASCII): no byte of the word has its high bit
            while (byWords && i + Long.BYTES <= n && ((long) LONGS.get(bytes, i) & 0x8080808080808080L) == 0) {
                i += Long.BYTES;
            }
            if (i >= n) {
                break;
            }
            int len = sequence(bytes, i);
            if (len == 0) {
                break;
            }
            i += len;
        }
        if (i == n) {
            return bytes;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(n + 16);
        out.write(bytes, 0, i);
        while (i < n) {
            int len = sequence(bytes, i);
            if (len == 0) {
                out.write(0xEF);
                out.write(0xBF);
                out.write(0xBD);
                i++;
            } else {
                out.write(bytes, i, len);
                i += len;
            }
        }
        return out.toByteArray();
    }

    /** The length of the well-formed UTF-8 sequence at {@code i}, or 0 (Unicode table 3-7). */
    private static int sequence(byte[] b, int i) {
        int c = b[i] & 0xFF;
        if (c < 0x80) {
            return 1;
        }
        int len;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (i + len > b.length) {
            return 0;
        }
        int second = b[i + 1] & 0xFF;
        if (second < lo || second > hi) {
            return 0;
        }
        for (int k = 2; k < len; k++) {
            int cont = b[i + k] & 0xFF;
            if (cont < 0x80 || cont > 0xBF) {
                return 0;
            }
        }
        return len;
    }

    /** The first {@code max} characters of {@code s} (one fewer rather than half a surrogate pair), then "..." when cut. */
    public static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "...";
    }
}

package io.cadenza.dataplane.schedule.spec;

/**
 * FarmHash's 32-bit fingerprint ({@code farmhashmk::Hash32}), as {@code github.com/dgryski/go-farm}'s
 * {@code Fingerprint32} computes it. Temporal derives schedule jitter from this hash, so computing the same value
 * makes Cadenza's jittered action times identical to Temporal's for the same schedule. Unsigned 32-bit arithmetic
 * is done in Java {@code int}s, which wrap the same way.
 */
final class FarmHash {

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private FarmHash() {
    }

    static int fingerprint32(byte[] s) {
        int len = s.length;
        if (len <= 24) {
            if (len <= 12) {
                return len <= 4 ? hash32Len0to4(s, 0) : hash32Len5to12(s, 0);
            }
            return hash32Len13to24(s, 0);
        }
        int h = len;
        int g = C1 * len;
        int f = g;
        int a0 = Integer.rotateRight(fetch(s, len - 4) * C1, 17) * C2;
        int a1 = Integer.rotateRight(fetch(s, len - 8) * C1, 17) * C2;
        int a2 = Integer.rotateRight(fetch(s, len - 16) * C1, 17) * C2;
        int a3 = Integer.rotateRight(fetch(s, len - 12) * C1, 17) * C2;
        int a4 = Integer.rotateRight(fetch(s, len - 20) * C1, 17) * C2;
        h ^= a0;
        h = Integer.rotateRight(h, 19);
        h = h * 5 + 0xe6546b64;
        h ^= a2;
        h = Integer.rotateRight(h, 19);
        h = h * 5 + 0xe6546b64;
        g ^= a1;
        g = Integer.rotateRight(g, 19);
        g = g * 5 + 0xe6546b64;
        g ^= a3;
        g = Integer.rotateRight(g, 19);
        g = g * 5 + 0xe6546b64;
        f += a4;
        f = Integer.rotateRight(f, 19) + 113;
        for (int p = 0; len - p > 20; p += 20) {
            int a = fetch(s, p);
            int b = fetch(s, p + 4);
            int c = fetch(s, p + 8);
            int d = fetch(s, p + 12);
            int e = fetch(s, p + 16);
            h += a;
            g += b;
            f += c;
            h = mur(d, h) + e;
            g = mur(c, g) + a;
            f = mur(b + e * C1, f) + d;
            f += g;
            g += f;
        }
        g = Integer.rotateRight(g, 11) * C1;
        g = Integer.rotateRight(g, 17) * C1;
        f = Integer.rotateRight(f, 11) * C1;
        f = Integer.rotateRight(f, 17) * C1;
        h = Integer.rotateRight(h + g, 19);
        h = h * 5 + 0xe6546b64;
        h = Integer.rotateRight(h, 17) * C1;
        h = Integer.rotateRight(h + f, 19);
        h = h * 5 + 0xe6546b64;
        h = Integer.rotateRight(h, 17) * C1;
        return h;
    }

    private static int hash32Len0to4(byte[] s, int seed) {
        int b = seed;
        int c = 9;
        for (byte v : s) {
            b = b * C1 + v; // Go converts each byte through int8: sign extension, as Java's byte does
            c ^= b;
        }
        return fmix(mur(b, mur(s.length, c)));
    }

    private static int hash32Len5to12(byte[] s, int seed) {
        int len = s.length;
        int a = len;
        int b = len * 5;
        int c = 9;
        int d = b + seed;
        a += fetch(s, 0);
        b += fetch(s, len - 4);
        c += fetch(s, (len >>> 1) & 4);
        return fmix(seed ^ mur(c, mur(b, mur(a, d))));
    }

    private static int hash32Len13to24(byte[] s, int seed) {
        int len = s.length;
        int a = fetch(s, (len >>> 1) - 4);
        int b = fetch(s, 4);
        int c = fetch(s, len - 8);
        int d = fetch(s, len >>> 1);
        int e = fetch(s, 0);
        int f = fetch(s, len - 4);
        int h = d * C1 + len + seed;
        a = Integer.rotateRight(a, 12) + f;
        h = mur(c, h) + a;
        a = Integer.rotateRight(a, 3) + c;
        h = mur(e, h) + a;
        a = Integer.rotateRight(a + f, 12) + d;
        h = mur(b ^ seed, h) + a;
        return fmix(h);
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static int mur(int a, int h) {
        a *= C1;
        a = Integer.rotateRight(a, 17);
        a *= C2;
        h ^= a;
        h = Integer.rotateRight(h, 19);
        return h * 5 + 0xe6546b64;
    }

    private static int fetch(byte[] s, int i) {
        return (s[i] & 0xff) | (s[i + 1] & 0xff) << 8 | (s[i + 2] & 0xff) << 16 | (s[i + 3] & 0xff) << 24;
    }
}

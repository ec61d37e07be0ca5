package dev.coffer.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded input generator: each input is a seed of the corpus put through a few random
 * mutations (bytes flipped, dropped, repeated or inserted, cut short, pieces of other seeds or of
 * the format's own syntax spliced in), or, now and then, plain random bytes. The same seed gives
 * the same inputs, so a failure names the input number that reproduces it.
 */
public final class Mutator {

    private final Random random;
    private final List<byte[]> corpus;
    private final List<byte[]> tokens;

    /** @param tokens pieces of the format's syntax worth splicing in (delimiters, keywords) */
    public Mutator(long seed, List<String> corpus, List<String> tokens) {
        this.random = new Random(seed);
        this.corpus = corpus.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.tokens = tokens.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public byte[] nextBytes() {
        if (random.nextInt(20) == 0) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            return noise;
        }
        byte[] in = corpus.get(random.nextInt(corpus.size())).clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            in = mutate(in);
        }
        return in;
    }

    public String nextString() {
        return new String(nextBytes(), StandardCharsets.UTF_8);
    }

    private byte[] mutate(byte[] in) {
        int at = in.length == 0 ? 0 : random.nextInt(in.length + 1);
        return switch (random.nextInt(7)) {
            case 0 -> flip(in);
            case 1 -> splice(in, at, Math.min(in.length, at + 1 + random.nextInt(8)), new byte[0]);
            case 2 -> splice(in, at, at, tokens.get(random.nextInt(tokens.size())));
            case 3 -> java.util.Arrays.copyOf(in, at); // truncated
            case 4 -> splice(in, at, at, slice(in)); // a piece repeated
            case 5 -> splice(in, at, at, slice(corpus.get(random.nextInt(corpus.size()))));
            default -> splice(in, at, Math.min(in.length, at + random.nextInt(4)), tokens.get(random.nextInt(tokens.size())));
        };
    }

    private byte[] flip(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        byte[] out = in.clone();
        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        return out;
    }

    private byte[] slice(byte[] from) {
        if (from.length == 0) {
            return from;
        }
        int start = random.nextInt(from.length);
        int end = Math.min(from.length, start + 1 + random.nextInt(32));
        return java.util.Arrays.copyOfRange(from, start, end);
    }

    private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        byte[] out = new byte[in.length - (to - from) + insert.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(in, to, out, from + insert.length, in.length - to);
        return out;
    }
}

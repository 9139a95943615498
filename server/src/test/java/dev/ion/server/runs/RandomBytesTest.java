package dev.ion.server.runs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RandomBytesTest {
    @Test
    void givesEveryByteValueAcrossRefills() {
        RandomBytes random = new RandomBytes();
        int[] seen = new int[256];
        for (int i = 0; i < 1 << 16; i++) seen[random.next()]++;
        for (int v = 0; v < 256; v++) assertThat(seen[v]).as("byte %d", v).isPositive();
    }

    @Test
    void twoSourcesDoNotRepeatEachOther() {
        RandomBytes a = new RandomBytes();
        RandomBytes b = new RandomBytes();
        int same = 0;
        for (int i = 0; i < 64; i++) if (a.next() == b.next()) same++;
        assertThat(same).isLessThan(16);
    }
}

package dev.ion.engine.vm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory walk's identity set keeps every member through its step-by-step growth. */
class IdentitySetTest {
    @Test
    void membersStayMembersWhileTheTableGrowsAndEqualObjectsAreDistinct() {
        IdentitySet set = new IdentitySet();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            String s = new String("v" + (i % 1000)); // equal strings, distinct objects
            assertThat(set.add(s)).isTrue();
            added.add(s);
            if (i % 7 == 0) assertThat(set.add(added.get(i / 2))).isFalse();
        }
        for (String s : added) assertThat(set.add(s)).isFalse();
    }
}
